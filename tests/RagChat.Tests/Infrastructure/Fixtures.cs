namespace RagChat.Tests.Infrastructure;

/// <summary>Small documents the tests own. The Korean note follows the shape of the study note RagChat began from.</summary>
public static class Fixtures
{
    public const string MlflowText = "MLflow is a tool for managing the ML lifecycle.";

    public static readonly string[] Unrelated =
    [
        "Paris is the capital of France. It is famous for the Eiffel Tower and its museums.",
        "Photosynthesis converts light energy into chemical energy stored in glucose.",
        "The stock market fell sharply on Tuesday after the central bank raised interest rates.",
    ];

    public const string KoreanNote = """
        # 딥러닝 노트: 어텐션과 RAG

        ## 1. 어텐션 메커니즘
        어텐션은 입력 시퀀스의 모든 부분이 똑같이 중요하지 않다는 생각에서 출발했습니다. 사람이 글을 읽을 때 중요한 단어에 집중하는 것과 같습니다.
        셀프 어텐션은 문장 안의 단어들이 서로 얼마나 관련되어 있는지 계산합니다.

        ## 2. RAG
        RAG는 검색 증강 생성이라고 부릅니다. 질문과 관련된 문서를 벡터 데이터베이스에서 검색한 뒤, 찾은 문서를 프롬프트에 넣어 답변을 생성합니다.
        RAG의 장점은 근거에 기반한 답변을 생성하므로 신뢰도가 높다는 것입니다. 모델을 다시 학습하지 않아도 새 문서를 추가하면 바로 반영됩니다.
        """;
}

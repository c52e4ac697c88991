using System.Globalization;
using System.Security;
using System.Text;

namespace RagChat.Api.Attention;

/// <summary>
/// Attention matrices as SVG heatmaps a person can read in a browser: token labels on both axes,
/// one cell per (row token, column token) with its weight in a tooltip, a colour scale from white
/// (0) to dark blue (the largest weight shown) with its legend, and the layer and head in the title.
/// </summary>
public static class HeatmapSvg
{
    /// <summary>One matrix of a grid: its caption and weights[row][column].</summary>
    public sealed record Panel(string Caption, float[][] Weights);

    private const int Cell = 18;
    private const int LabelSpace = 110;
    private const int TitleSpace = 40;
    private const int PanelGap = 40;
    private const string Font = "font-family=\"'Noto Sans CJK KR','Malgun Gothic','Apple SD Gothic Neo','Nanum Gothic',sans-serif\"";

    public static string Render(string title, IReadOnlyList<string> rows, IReadOnlyList<string> columns, IReadOnlyList<Panel> panels, int perRow = 4)
    {
        var max = Math.Max(1e-6f, panels.Max(p => p.Weights.Max(r => r.Length == 0 ? 0 : r.Max())));
        var panelWidth = Math.Max(LabelSpace + columns.Count * Cell, panels.Max(p => p.Caption.Length) * 7 + LabelSpace);
        var panelHeight = TitleSpace + LabelSpace + rows.Count * Cell;
        var across = Math.Min(perRow, panels.Count);
        var down = (panels.Count + across - 1) / across;
        // Wide enough for the title and the legend as well as the panels (about 8 px a character).
        var width = Math.Max(across * panelWidth + (across - 1) * PanelGap + 20,
            Math.Max(title.Length * 9 + 20, 560));
        var height = TitleSpace + down * panelHeight + (down - 1) * PanelGap + 70;

        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" {Font} font-size=\"11\">");
        svg.Append(CultureInfo.InvariantCulture, $"<rect width=\"{width}\" height=\"{height}\" fill=\"white\"/>");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"10\" y=\"24\" font-size=\"16\" font-weight=\"bold\">{Escape(title)}</text>");
        for (var i = 0; i < panels.Count; i++)
        {
            var x = (i % across) * (panelWidth + PanelGap);
            var y = TitleSpace + (i / across) * (panelHeight + PanelGap);
            AppendPanel(svg, panels[i], rows, columns, x, y, max);
        }
        AppendLegend(svg, 10, height - 40, max);
        return svg.Append("</svg>").ToString();
    }

    private static void AppendPanel(StringBuilder svg, Panel panel, IReadOnlyList<string> rows, IReadOnlyList<string> columns, int x, int y, float max)
    {
        var gridX = x + LabelSpace;
        var gridY = y + TitleSpace + LabelSpace;
        svg.Append(CultureInfo.InvariantCulture, $"<g class=\"panel\"><text x=\"{gridX}\" y=\"{y + 20}\" font-size=\"13\">{Escape(panel.Caption)}</text>");
        for (var c = 0; c < columns.Count; c++)
        {
            var cx = gridX + c * Cell + Cell / 2;
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{cx}\" y=\"{gridY - 4}\" transform=\"rotate(-60 {cx} {gridY - 4})\">{Escape(Short(columns[c]))}</text>");
        }
        for (var r = 0; r < rows.Count; r++)
        {
            var cy = gridY + r * Cell;
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{gridX - 4}\" y=\"{cy + Cell - 5}\" text-anchor=\"end\">{Escape(Short(rows[r]))}</text>");
            for (var c = 0; c < columns.Count; c++)
            {
                var weight = panel.Weights[r][c];
                svg.Append(CultureInfo.InvariantCulture,
                    $"<rect class=\"cell\" x=\"{gridX + c * Cell}\" y=\"{cy}\" width=\"{Cell}\" height=\"{Cell}\" fill=\"{Colour(weight / max)}\"><title>{Escape(rows[r])} → {Escape(columns[c])}: {weight:0.0000}</title></rect>");
            }
        }
        svg.Append("</g>");
    }

    private static void AppendLegend(StringBuilder svg, int x, int y, float max)
    {
        svg.Append("<g class=\"legend\">");
        const int steps = 20, width = 12;
        for (var i = 0; i < steps; i++)
            svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{x + i * width}\" y=\"{y}\" width=\"{width}\" height=\"12\" fill=\"{Colour(i / (float)(steps - 1))}\"/>");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{x}\" y=\"{y + 26}\">0</text>");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{x + steps * width}\" y=\"{y + 26}\" text-anchor=\"end\">{max:0.###}</text>");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{x + steps * width + 12}\" y=\"{y + 11}\">attention weight (row token → column token)</text>");
        svg.Append("</g>");
    }

    /// <summary>White to dark blue, quantised to 256 steps.</summary>
    private static string Colour(float share)
    {
        var t = Math.Clamp(share, 0f, 1f);
        int Channel(int from, int to) => (int)Math.Round(from + (to - from) * t);
        return $"#{Channel(255, 8):x2}{Channel(255, 48):x2}{Channel(255, 107):x2}";
    }

    private static string Short(string label) => label.Length > 14 ? label[..13] + "…" : label;

    // XML 1.0 forbids most control characters even when escaped.
    private static string Escape(string text) => SecurityElement.Escape(new string(text.Where(c => !char.IsControl(c)).ToArray())) ?? "";
}

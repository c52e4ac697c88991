using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using A = DocumentFormat.OpenXml.Drawing;
using P = DocumentFormat.OpenXml.Presentation;
using S = DocumentFormat.OpenXml.Spreadsheet;
using W = DocumentFormat.OpenXml.Wordprocessing;

namespace RagChat.Tests.Reading;

/// <summary>Word, PowerPoint and Excel files made with the Open XML SDK, holding just what the readers look at.</summary>
public static class OfficeFixtures
{
    /// <summary>A Word document: a Title, "Intro" (Heading1) with "Setup" (Heading2) under it, a list and a table.</summary>
    public static byte[] Docx(string? coreTitle = null)
    {
        using var stream = new MemoryStream();
        using (var document = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            if (coreTitle is not null) document.PackageProperties.Title = coreTitle;
            var main = document.AddMainDocumentPart();
            main.Document = new W.Document(new W.Body(
                Paragraph("Deployment Guide", "Title"),
                Paragraph("Intro", "Heading1"),
                Paragraph("RagChat answers questions from your documents."),
                Paragraph("Setup", "Heading2"),
                Paragraph("Install the runtime before the first start."),
                ListItem("Download the package"),
                ListItem("Run the installer"),
                new W.Table(Row("Setting", "Default"), Row("Port", "8080")),
                Paragraph("Usage", "Heading1"),
                Paragraph("Upload files through the API.")));
        }
        return stream.ToArray();
    }

    private static W.Paragraph Paragraph(string text, string? style = null)
    {
        var paragraph = new W.Paragraph(new W.Run(new W.Text(text)));
        if (style is not null) paragraph.PrependChild(new W.ParagraphProperties(new W.ParagraphStyleId { Val = style }));
        return paragraph;
    }

    private static W.Paragraph ListItem(string text) => new(
        new W.ParagraphProperties(new W.NumberingProperties(new W.NumberingLevelReference { Val = 0 }, new W.NumberingId { Val = 1 })),
        new W.Run(new W.Text(text)));

    private static W.TableRow Row(params string[] cells) =>
        new(cells.Select(c => new W.TableCell(new W.Paragraph(new W.Run(new W.Text(c))))));

    /// <summary>Slides (title, body); the ones listed in <paramref name="hidden"/> (1-based) are hidden.</summary>
    public static byte[] Pptx((string Title, string Body)[] slides, params int[] hidden)
    {
        using var stream = new MemoryStream();
        using (var document = PresentationDocument.Create(stream, PresentationDocumentType.Presentation))
        {
            var presentation = document.AddPresentationPart();
            var slideIds = new P.SlideIdList();
            for (var i = 0; i < slides.Length; i++)
            {
                var slidePart = presentation.AddNewPart<SlidePart>();
                slidePart.Slide = new P.Slide(new P.CommonSlideData(new P.ShapeTree(
                    new P.NonVisualGroupShapeProperties(
                        new P.NonVisualDrawingProperties { Id = 1, Name = "" }, new P.NonVisualGroupShapeDrawingProperties(), new P.ApplicationNonVisualDrawingProperties()),
                    new P.GroupShapeProperties(),
                    Shape(2, slides[i].Title, P.PlaceholderValues.Title),
                    Shape(3, slides[i].Body, P.PlaceholderValues.Body))));
                if (hidden.Contains(i + 1)) slidePart.Slide.Show = false;
                slideIds.Append(new P.SlideId { Id = (uint)(256 + i), RelationshipId = presentation.GetIdOfPart(slidePart) });
            }
            presentation.Presentation = new P.Presentation(slideIds);
        }
        return stream.ToArray();
    }

    private static P.Shape Shape(uint id, string text, P.PlaceholderValues placeholder) => new(
        new P.NonVisualShapeProperties(
            new P.NonVisualDrawingProperties { Id = id, Name = $"Shape {id}" },
            new P.NonVisualShapeDrawingProperties(),
            new P.ApplicationNonVisualDrawingProperties(new P.PlaceholderShape { Type = placeholder })),
        new P.ShapeProperties(),
        new P.TextBody(new A.BodyProperties(), new A.Paragraph(new A.Run(new A.Text(text)))));

    /// <summary>A workbook whose sheets hold rows of strings, written as shared strings.</summary>
    public static byte[] Xlsx(params (string Name, string[][] Rows, bool Hidden)[] sheets)
    {
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            var strings = new List<string>();
            var sheetList = new S.Sheets();
            for (var i = 0; i < sheets.Length; i++)
            {
                var worksheet = workbook.AddNewPart<WorksheetPart>();
                var data = new S.SheetData();
                for (var r = 0; r < sheets[i].Rows.Length; r++)
                    data.Append(new S.Row(sheets[i].Rows[r].Select((value, c) => SharedStringCell(strings, value, $"{(char)('A' + c)}{r + 1}"))) { RowIndex = (uint)(r + 1) });
                worksheet.Worksheet = new S.Worksheet(data);
                sheetList.Append(new S.Sheet
                {
                    Name = sheets[i].Name, SheetId = (uint)(i + 1), Id = workbook.GetIdOfPart(worksheet),
                    State = sheets[i].Hidden ? S.SheetStateValues.Hidden : null,
                });
            }
            workbook.Workbook = new S.Workbook(sheetList);
            var shared = workbook.AddNewPart<SharedStringTablePart>();
            shared.SharedStringTable = new S.SharedStringTable(strings.Select(s => new S.SharedStringItem(new S.Text(s))));
        }
        return stream.ToArray();
    }

    /// <summary>A sheet with a header row and one row whose second cell is the date 2024-01-01 in Excel's built-in date format.</summary>
    public static byte[] XlsxWithDate()
    {
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            var styles = workbook.AddNewPart<WorkbookStylesPart>();
            styles.Stylesheet = new S.Stylesheet(new S.CellFormats(new S.CellFormat { NumberFormatId = 0 }, new S.CellFormat { NumberFormatId = 14, ApplyNumberFormat = true }));
            var worksheet = workbook.AddNewPart<WorksheetPart>();
            worksheet.Worksheet = new S.Worksheet(new S.SheetData(
                new S.Row(InlineCell("A1", "Release"), InlineCell("B1", "Date")),
                new S.Row(InlineCell("A2", "2.0"), new S.Cell { CellReference = "B2", StyleIndex = 1, CellValue = new S.CellValue(45292) })));
            workbook.Workbook = new S.Workbook(new S.Sheets(new S.Sheet { Name = "Releases", SheetId = 1, Id = workbook.GetIdOfPart(worksheet) }));
        }
        return stream.ToArray();
    }

    private static S.Cell InlineCell(string reference, string text) =>
        new() { CellReference = reference, DataType = S.CellValues.InlineString, InlineString = new S.InlineString(new S.Text(text)) };

    private static S.Cell SharedStringCell(List<string> strings, string value, string reference)
    {
        strings.Add(value);
        return new S.Cell { CellReference = reference, DataType = S.CellValues.SharedString, CellValue = new S.CellValue(strings.Count - 1) };
    }
}

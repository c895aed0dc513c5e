using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Readiness.Core.Csv;
using Readiness.Core.Ingestion;
using Readiness.Core.Normalization;
using Readiness.Core.Registry;
using static Readiness.Core.Tests.TestData;

namespace Readiness.Core.Tests.Ingestion;

/// <summary>
/// Byte-for-byte regression of the reader: every sample file, a set of tricky inline files and deterministic random
/// files, each read with several option combinations, must give exactly the reports (as JSON, with the rejected rows)
/// and the values recorded in <c>Golden/</c>. The expected files were written by the reader before its performance
/// work; regenerate them (only for an intended change of behaviour) with <c>READINESS_UPDATE_GOLDEN=1 dotnet test</c>.
/// </summary>
public class GoldenReaderTests
{
    private static readonly string GoldenDirectory = Path.Combine(RepositoryRoot, "tests", "Readiness.Core.Tests", "Ingestion", "Golden");

    /// <summary>The option combinations every file is read with.</summary>
    private static readonly (string Name, ReadOptions Options)[] Combos =
    [
        ("default", new ReadOptions()),
        ("locale-id", new ReadOptions { Locale = NumberStyle.DecimalComma }),
        ("locale-en", new ReadOptions { Locale = NumberStyle.DecimalPoint }),
        ("scheme-bps", new ReadOptions { Scheme = RegencyScheme.Bps }),
        ("upload-13.07", new ReadOptions { UploadRegency = Regency("13.07") }),
        ("upload-13.07-bps-id", new ReadOptions { UploadRegency = Regency("13.07"), Scheme = RegencyScheme.Bps, Locale = NumberStyle.DecimalComma }),
        ("small-limits", new ReadOptions { Limits = new CsvLimits { MaxCellLength = 6, MaxRows = 40 } }),
    ];

    public static TheoryData<string> CaseNames => [.. Cases().Keys];

    [Theory]
    [MemberData(nameof(CaseNames))]
    public async Task Reader_GivesTheRecordedReportsAndValues(string name)
    {
        var bytes = Cases()[name];
        var actual = await Describe(bytes);
        var path = Path.Combine(GoldenDirectory, name + ".json");
        if (Environment.GetEnvironmentVariable("READINESS_UPDATE_GOLDEN") == "1")
        {
            Directory.CreateDirectory(GoldenDirectory);
            await File.WriteAllTextAsync(path, actual);
            return;
        }

        var expected = await File.ReadAllTextAsync(path);
        Assert.Equal(expected, actual);
    }

    private static async Task<string> Describe(byte[] bytes)
    {
        var root = new JsonObject();
        foreach (var (comboName, options) in Combos)
        {
            var (report, values) = await Reader.ReadAllAsync(() => new MemoryStream(bytes, writable: false), options);
            var json = JsonNode.Parse(report.ToJson(indented: false))!.AsObject();
            var errors = json["errors"]?.AsArray();
            var warnings = json["warnings"]?.AsArray();
            json.Remove("errors");
            json.Remove("warnings");
            var lines = values.Select(v => string.Join('|',
                v.Row.ToString(CultureInfo.InvariantCulture), v.Regency.Code, v.Indicator.Code, v.Period.ToString(),
                NumberParser.Format(v.Value), BitConverter.DoubleToInt64Bits(v.Value).ToString("X16", CultureInfo.InvariantCulture),
                v.Unit is null ? "<null>" : "[" + v.Unit + "]", v.Note is null ? "<null>" : "[" + v.Note + "]")).ToList();
            root[comboName] = new JsonObject
            {
                ["report"] = json,
                ["unreadable"] = report.Unreadable,
                ["rejectedRows"] = string.Join(',', report.RejectedRows.Order()),
                ["errors"] = errors?.DeepClone() ?? new JsonArray(),
                ["warnings"] = warnings?.DeepClone() ?? new JsonArray(),
                ["valueCount"] = lines.Count,
                ["valuesSha256"] = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', lines)))),
                ["values"] = new JsonArray([.. (lines.Count <= 200 ? lines : [.. lines.Take(50), "…", .. lines.TakeLast(50)]).Select(l => (JsonNode)l)]),
            };
        }

        return root.ToJsonString(WebJson.Indented).ReplaceLineEndings("\n") + "\n";
    }

    private static Dictionary<string, byte[]> Cases()
    {
        var cases = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var file in Directory.GetFiles(Path.Combine(RepositoryRoot, "samples"), "*.csv").Order(StringComparer.Ordinal))
        {
            if (Path.GetFileName(file) != "registry.csv")
            {
                cases["sample-" + Path.GetFileNameWithoutExtension(file)] = File.ReadAllBytes(file);
            }
        }

        foreach (var (name, text) in Inline)
        {
            cases["inline-" + name] = Utf8(text);
        }

        cases["inline-bom-semicolons"] = Utf8Bom("Kode_Wilayah;Kode Indikator;Periode;Nilai;Satuan;Keterangan;;\r\n" +
            "Kab. Lima Puluh Kota;ENV-04;Januari 2024;1.234,5;;;;\r\n13.07;GOV-03;Agustus 2024;85%;;\"catatan; titik koma\";;\r\n" +
            "1307;BRA-02;2024;Ya;;;;\r\n;;;;;;;\r\n13.07;ECO-04;2024Q2;-3,5;persen;;;\r\n;;;;;;;\r\n");
        cases["inline-windows-1252"] = CsvSniffer.Windows1252.GetBytes(
            "regency_code;indicator_code;period;value;unit;note\r\n13.07;GOV-01;2024;80;persen;Dinas – Pariaman café\r\n" +
            "Kota Padang;GOV-02;2024;3,5;;«catatan»\r\n13.07;GOV-03;2024;1.234;;\r\n");
        cases["inline-utf16le"] = [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(
            "regency_code\tindicator_code\tperiod\tvalue\tnote\n13.07\tGOV-01\t2024\t87,5\tcafé\n13.71\tGOV-02\t2024-02\t3\t\n13.71\tGOV-03\t2024-03\t1.234\t\n")];
        cases["inline-utf16be"] = [.. Encoding.BigEndianUnicode.GetPreamble(), .. Encoding.BigEndianUnicode.GetBytes(
            "regency_code,indicator_code,period,value\n13.07,GOV-01,2024,87.5\n13.07,ENV-04,2024,1,234\n")];
        cases["inline-invalid-utf8-after-sniff"] = InvalidUtf8AfterSniff();
        for (var seed = 1; seed <= 16; seed++)
        {
            cases[$"random-{seed:00}"] = RandomFile(seed);
        }

        return cases;
    }

    private static readonly (string Name, string Text)[] Inline =
    [
        ("canonical", """
            regency_code,indicator_code,period,value,unit,note
            13.07,GOV-01,2024,87.5,percent,dari laporan tahunan
            13.07,gov-02,2024Q1,3,,
            32.71,ENV-03,2024-03,12.25,,
            """),
        ("ambiguous-only", """
            regency_code,indicator_code,period,value
            13.07,ENV-04,2024,1.234
            13.07,BRA-03,2024,2.500
            13.07,GOV-04,2024,12
            13.07,BRA-01,2024,1,234
            """),
        ("ambiguous-then-comma", """
            regency_code;indicator_code;period;value
            13.07;ENV-04;2024-01;1.234
            13.07;BRA-03;2024-01;12,5
            13.07;BRA-01;2024-01;1.234.567
            13.07;GOV-01;2024-01;0,125
            13.07;GOV-02;2024-01;1,234.5
            """),
        ("ambiguous-then-point", """
            regency_code,indicator_code,period,value
            13.07,ENV-04,2024-01,"1,234"
            13.07,BRA-03,2024-01,0.125
            13.07,BRA-01,2024-01,"1,234,567"
            13.07,GOV-04,2024-01,"1.234,5"
            13.07,GOV-01,2024-01,99.9999999999999999
            13.07,GOV-03,2024-01,12345678901234567
            13.07,ENV-01,2024-01,1.5E+01
            13.07,ENV-02,2024-01,1e400
            13.07,ENV-03,2024-01,NaN
            13.07,SOC-01,2024-01,-0
            13.07,SOC-02,2024-01,+2
            13.07,SOC-03,2024-01,−3
            13.07,SOC-04,2024-01,00012
            13.07,LIV-01,2024-01,1.
            13.07,LIV-02,2024-01,.5
            13.07,LIV-03,2024-01, 7 
            13.07,LIV-04,2024-01,	8	
            13.07,ECO-01,2024-01,85%
            13.07,ECO-02,2024-01, 85 % 
            13.07,ECO-03,2024-01,85 %%
            13.07,GOV-04,2024-02,5%
            13.07,ECO-04,2024-01,-20.0001
            13.07,ECO-04,2024-02,-20
            13.07,BRA-04,2024-01,123456789012345
            13.07,BRA-03,2024-02,1234567890123456
            13.07,BRA-03,2024-03,123456789.012345
            13.07,BRA-03,2024-04,0.000000000000001
            13.07,BRA-03,2024-05,1 234
            13.07,BRA-03,2024-06,٣
            13.07,BRA-03,2024-07,abc
            13.07,BRA-03,2024-08,-
            13.07,BRA-03,2024-09,"1,2345"
            13.07,BRA-03,2024-10,"12,345.6"
            """),
        // Issue 13: LibreOffice Calc (id-ID) exports, and numbers no evidence decides.
        ("libreoffice-counts-as-shown", """
            kode_wilayah,kode_indikator,periode,nilai
            13.07,BRA-03,2024,1.250
            13.07,BRA-03,2024Q1,3.400
            13.07,BRA-03,2024Q2,2.005
            """),
        ("undecidable-thousands", """
            kode_wilayah,kode_indikator,periode,nilai
            13.07,BRA-01,2024,1.250
            13.07,SOC-04,2024,2.500
            13.07,GOV-04,2024,7
            """),
        ("count-against-file-style", """
            kode_wilayah,kode_indikator,periode,nilai
            13.07,GOV-01,2024,87.5
            13.07,BRA-03,2024,1.250
            13.07,ENV-04,2024,2.000
            """),
        ("libreoffice-codes-decimal-comma", """
            kode_wilayah;kode_indikator;periode;nilai
            13,07;GOV-01;2024;87,5
            35,1;GOV-01;2024;80
            13,7;GOV-01;2024;80
            13,07;GOV-02;2024;3
            """),
        ("libreoffice-title-block", """
            Laporan Indikator Smart City,,,
            Kabupaten Lima Puluh Kota 2024,,,
            kode_wilayah,kode_indikator,periode,nilai
            13.07,GOV-01,2024,87.5
            13.07,GOV-02,2024,9
            """),
        ("booleans", """
            regency_code,indicator_code,period,value
            13.07,BRA-02,2024-01,Ya
            13.07,BRA-02,2024-02,TIDAK
            13.07,BRA-02,2024-03,tidak ada
            13.07,BRA-02,2024-04,Tdk
            13.07,BRA-02,2024-05,1
            13.07,BRA-02,2024-06,0
            13.07,BRA-02,2024-07,2
            13.07,BRA-02,2024-08,yes
            13.07,BRA-02,2024-09, True 
            13.07,BRA-02,2024-10,maybe
            13.07,BRA-02,2024-11,0.5
            13.07,BRA-02,2024-12,100%
            13.07,BRA-02,2024Q1,tidaK
            13.07,BRA-02,2024Q2,ya 
            13.07,GOV-01,2024Q1,Ya
            """),
        ("regencies", """
            regency_code,indicator_code,period,value,note
            13.07,GOV-01,2024,1,
            1307,GOV-01,2024Q1,1,
            1308,GOV-01,2024Q2,1,
            13.7,GOV-01,2024Q3,1,
            13.7,GOV-01,2024Q4,1,
            Kab. Lima Puluh Kota,GOV-02,2024,2,
            50 Kota,GOV-02,2024Q1,2,
            Bogor,GOV-02,2024Q2,2,
            kota bogor,GOV-02,2024Q3,2,
            Jaksel,GOV-02,2024Q4,2,
            99.99,GOV-03,2024,3,
            ,GOV-03,2024Q1,3,
            Kota Baru,GOV-03,2024Q2,3,
            KOTABARU,GOV-03,2024Q3,3,
            Kota Lima Puluh Kota,GOV-03,2024Q4,3,
             13.71 ,GOV-04,2024,4,
            "13.71",GOV-04,2024Q1,4,
            13,71,GOV-04,2024Q2,4,
            13.O7,GOV-04,2024Q3,4,
            3201,GOV-04,2024Q4,4,
            32.01,ENV-01,2024,5,
            35.1,ENV-01,2024Q1,5,
            1306,ENV-01,2024Q2,5,
            13.06,ENV-01,2024Q3,5,
            Padang,ENV-01,2024Q4,5,
            """),
        ("indicators-periods", """
            regency_code,indicator_code,period,value
            13.07,GOV-01,2024,1
            13.07, GOV-01 ,2024-01,1
            13.07,gov-01,2024-02,1
            13.07,GOV-99,2024,1
            13.07,,2024,1
            13.07,GOV‑01,2024,1
            13.07,GOV-01,Q1 2024,1
            13.07,GOV-01,TW II 2024,1
            13.07,GOV-01,Januari 2024,1
            13.07,GOV-01,Agu-24,1
            13.07,GOV-01,15/05/2024,1
            13.07,GOV-01,2024-06-15,1
            13.07,GOV-01,202407,1
            13.07,GOV-01,08/2024,1
            13.07,GOV-01,2024Q5,1
            13.07,GOV-01,2024-13,1
            13.07,GOV-01,,1
            13.07,GOV-01,tahun 2023,1
            13.07,GOV-01, 2022 ,1
            13.07,GOV-01,1899,1
            13.07,GOV-01,31/02/2024,1
            13.07,GOV-01,2024-9,1
            13.07,GOV-01,Sept 2024,1
            13.07,GOV-01,２０２４,1
            13.07,GOV-01,2024q1,1
            13.07,GOV-01,2024Q3,1
            """),
        ("duplicates", """
            regency_code,indicator_code,period,value
            13.07,GOV-01,2024,87.5
            13.07,GOV-01,2024,87.5
            1307,GOV-01,2024,88
            13.07,GOV-01,2024-01,1
            13.07,GOV-01,2024Q1,1
            13.07,GOV-01,2024-01,1.0
            13.07,GOV-01,2023,1
            13.07,GOV-01,2025,1
            13.07,GOV-01,2023,2
            13.07,GOV-01,2024-01,2
            13.07,BRA-02,2024,Ya
            13.07,BRA-02,2024,1
            13.07,BRA-02,2024,Tidak
            """),
        ("shape-errors", """"
            regency_code,indicator_code,period,value,unit,note
            13.07,GOV-01,2024,1,,,extra
            13.07,GOV-02,2024
            13.07,GOV-03

            13.07,GOV-04,2024,4,hari,catatan
            ,,,,,
             , , , , ,
            13.07,ENV-01,2024,"5",  persen  ,"  spasi  "
            13.07,ENV-02,2024,"multi
            line",,
            13.07,ENV-03,2024,7,,"say ""hi"""
            13.07,ENV-04,2024,8,,x"y
            13.07,ECO-01,2024,9,,,,
            13.07,ECO-02,2024,10,,,   ,

            """"),
        ("wide", """
            regency_code,period,GOV-01,GOV-02,BRA-02,ENV-04,XYZ
            32.73,2023,89.5,3.84,Yes,1.234,a
            33.74,2023,87.9,,Tidak,12,
            Kabupaten Sleman,2023,83.2,9,maybe,"1,234",
            ,2023,1,2,Ya,3,
            35.10,,1,2,Ya,3,
            35.10,2023,  ,2,Ya,3,
            """),
        ("wide-unknown-indicator", """
            regency_code,period,GOV-01,GOV-77
            32.73,2023,89.5,3
            """),
        ("long-with-indicator-columns", """
            regency_code,indicator_code,period,value,GOV-01,kolom
            32.73,GOV-02,2023,3,9,x
            """),
        ("header-problems", """
            regency_code,kode_wilayah,indicator_code,,period,value
            13.07,13.07,GOV-01,,2024,1
            """),
        ("missing-columns", """
            indicator_code,value
            GOV-01,1
            """),
        ("header-only", """
            regency_code,indicator_code,period,value
            """),
        ("blank-header", """
            ,,,
            13.07,GOV-01,2024,1
            """),
        ("tabs-and-spaces", "regency_code\tindicator_code\tperiod\tvalue\tunit\tnote\n13.07\tGOV-01\t2024\t87,5\t persen \t note \n" +
            "13.07\tGOV-02\t2024\t 3,25 \t\t\n13.07\tGOV-03\t2024\t\v9\f\t\t\n13.07\tGOV-04\t2024\t\u00A07\u00A0\t\u00A0\t\u2003x\u2003\n"),
        ("nbsp-and-unicode", "regency_code,indicator_code,period,value,unit,note\n\u00A013.07\u00A0,GOV-01,2024,87.5,%,é\n" +
            "13.07,GOV-02\u00A0,2024,3,,\n13.07,GOV-03,2024\u00A0,4,,\n13.07,GOV-04,\u00A02024-01,5\u00A0%,,\n13.07,ENV-01,2024,5\u00A0%,,\n" +
            "13.07,ENV-02,2024,\u202F5,,\n13.07,ENV-03,2024,５,,\nKab\u00A0Agam,ENV-04,2024,1,,\n13.07,ECO-01,2024,\uFFFD,,\n"),
        ("crlf-quoted", "regency_code,indicator_code,period,value,unit,note\r\n\"13.07\",\"GOV-01\",\"2024\",\"87.5\",\"\",\"\"\r\n" +
            "\" 13.07\",\"GOV-02 \",\" 2024\",\" 3.5 \",\" u \",\" n \"\r\n\"\",\"GOV-03\",\"2024\",\"1\",,\r\n"),
    ];

    /// <summary>Valid UTF-8 for the sniffer's 64 KiB, then cells with bytes that are not UTF-8.</summary>
    private static byte[] InvalidUtf8AfterSniff()
    {
        var text = new StringBuilder("regency_code,indicator_code,period,value,unit,note\n");
        var codes = TestData.Catalog.Indicators.Select(i => i.Code).ToArray();
        for (var row = 0; text.Length < CsvSniffer.SniffBytes + 100; row++)
        {
            text.Append(CultureInfo.InvariantCulture, $"13.07,{codes[row % codes.Length]},{2000 + (row / codes.Length / 12)}-{(row / codes.Length % 12) + 1:00},1,,\n");
        }

        var bytes = new List<byte>(Utf8(text.ToString()));
        byte[][] bad =
        [
            [.. "13.07,GOV-01,2031,1,"u8, 0xFF, .. "x,\n"u8],
            [.. "13.07,GOV-01,2032,1,,n"u8, 0xC3, .. "\n"u8],
            [.. "13.07,GOV-01,20"u8, 0xFE, .. "33,1,,\n"u8],
            [.. "13.07,GOV-0"u8, 0x80, .. ",2034,1,,\n"u8],
            [.. "13.0"u8, 0xFF, .. ",GOV-01,2035,1,,\n"u8],
            [.. "13.07,GOV-01,2036,1"u8, 0xFF, .. ",,\n"u8],
            [.. "13.07,BRA-02,2036,Y"u8, 0xE9, .. ",,\n"u8],
        ];
        foreach (var line in bad)
        {
            bytes.AddRange(line);
        }

        return [.. bytes];
    }

    /// <summary>A deterministic file of rows drawn from tricky cells.</summary>
    private static byte[] RandomFile(int seed)
    {
        var random = new Random(seed);
        string[] regencies =
        [
            "13.07", "1307", "13.7", "13.70", " 13.07 ", "Kab. Lima Puluh Kota", "Bogor", "kota bogor", "Jaksel", "99.99", "",
            "13.71", "32.01", "3201", "1308", "13.07\u00A0", "１３.07", "13.07x", "Kota Baru", "KOTABARU", "35.10", "35.1",
            "  ", "13.O7", "Padang", "Kota Padang", "13,07", "34.71", "Jogja", "51.03", "1306", "13.06", "Kabupaten Agam",
        ];
        string[] extraIndicators = ["gov-01", " GOV-02", "ENV-03 ", "GOV-99", "", "GOV‑01", "eco-04\u00A0", "BRA-02", "bra-02"];
        string[] periods =
        [
            "2024", "2024Q1", "2024Q4", "2024-01", "2024-12", "2024-1", "202401", "01/2024", "Jan 2024", "Januari 2024",
            "Agu-24", "15/01/2024", "2024-01-15", "Q1 2024", "TW I 2024", "2024Q5", "2024-13", "", "tahun 2024", " 2024 ",
            "2023", "1999", "2024Q2", "Mei 2024", "31/02/2024", "2023-07", "2022", "2024-02", "2024-03", "2024-04",
        ];
        string[] values =
        [
            "87.5", "87,5", "1.234", "1,234", "1.234,5", "1,234.5", "0.125", "0,125", "-3,5", "-3.5", "−3,5", "+5", "85%",
            " 85 % ", "85 %", "1,5E+03", "1e2", "100", "0", "-0", "00012", "1.", ".5", "abc", "Ya", "Tidak", "yes", "TIDAK ADA",
            "tdk", "1.234.567", "1,234,567", "12345678901234567", "123456789012345", "1234567890123456", "99.999999999999999",
            "NaN", "Infinity", "1e400", "", "  ", "\u00A087.5", "4,15", "3.84", "1,2345", "12,345", "123.456", "1234.567",
            "0.5", "0,5", "5%", "105", "-1", "2.5", "٣", "1 234", "1'234", "3", "42", "4.5", "2,75", "12.25", "-0.5", "0.0",
            "999999999999999", "0.000001", "1.0000000000000002", "9007199254740993", "1E-5", "7.", "0012.50", "12.5%",
        ];
        string[] units = ["", "", "", "persen", "%", "indeks", " hari ", "café", "x"];
        string[] notes = ["", "", "", "catatan", "with, comma", "line\nbreak", "x\uFFFD", "Pariaman – café", "\"q\"", "  padded  "];
        var codes = TestData.Catalog.Indicators.Select(i => i.Code).ToArray();
        var separator = (seed % 3) switch { 0 => ',', 1 => ';', _ => '\t' };
        var wideHeader = seed % 8 == 5;
        var rows = (30 + random.Next(60)) / (wideHeader ? 3 : 1);
        var text = new StringBuilder();
        var columns = seed % 4 == 2 ? new[] { "kode_wilayah", "kode_indikator", "periode", "nilai" } : ["regency_code", "indicator_code", "period", "value", "unit", "note"];
        if (wideHeader)
        {
            columns = ["regency_code", "period", .. codes.Take(8)];
        }

        text.Append(string.Join(separator, columns)).Append(seed % 2 == 0 ? "\r\n" : "\n");
        for (var r = 0; r < rows; r++)
        {
            string[] cells;
            if (wideHeader)
            {
                cells = [Pick(regencies), Pick(periods), .. Enumerable.Range(0, 8).Select(_ => Pick(values))];
            }
            else
            {
                var indicator = random.Next(10) == 0 ? Pick(extraIndicators) : codes[random.Next(codes.Length)];
                cells = [random.Next(3) == 0 ? "13.07" : Pick(regencies), indicator, Pick(periods), Pick(values), Pick(units), Pick(notes)];
                cells = cells[..columns.Length];
            }

            switch (random.Next(40))
            {
                case 0:
                    cells = cells[..Math.Max(1, cells.Length - 2)];
                    break;
                case 1:
                    cells = [.. cells, "extra"];
                    break;
                case 2:
                    cells = [.. cells.Select(_ => "")];
                    break;
                case 3:
                    cells = [.. cells, "", " "];
                    break;
            }

            text.Append(string.Join(separator, cells.Select(c => Quote(c, separator, random)))).Append(seed % 2 == 0 ? "\r\n" : "\n");
        }

        var bytes = Utf8(text.ToString());
        return seed % 5 == 0 ? [.. Encoding.UTF8.GetPreamble(), .. bytes] : bytes;

        string Pick(string[] pool) => pool[random.Next(pool.Length)];
    }

    private static string Quote(string cell, char separator, Random random)
    {
        var needs = cell.Contains(separator) || cell.Contains('"') || cell.Contains('\n') || cell.Contains(',') || cell.Contains(';');
        return needs || random.Next(12) == 0 ? "\"" + cell.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : cell;
    }
}

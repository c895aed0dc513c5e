using System.Globalization;
using System.Net;
using System.Text;
using Readiness.Core.Catalog;

namespace Readiness.Core.Scoring;

/// <summary>
/// A self-contained HTML report of a year's ranked scores: a ranking table, one bar chart per dimension and the
/// coverage of each regency, with no script or external asset, so it opens anywhere (and by e-mail).
/// </summary>
public static class ScoreReport
{
    public static string ToHtml(int year, IReadOnlyList<RegencyScore> ranked, IndicatorCatalog catalog, DateTimeOffset generatedAt)
    {
        var html = new StringBuilder();
        html.Append(CultureInfo.InvariantCulture, $$"""
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><title>Smart city readiness {{year}}</title>
            <style>
            body{font-family:system-ui,Segoe UI,Arial,sans-serif;margin:2rem;color:#1f2933;max-width:1240px}
            h1{margin-bottom:.2rem} .sub{color:#52606d;margin-top:0}
            table{border-collapse:collapse;width:100%;margin:1rem 0 2rem;font-size:.92em} th,td{padding:.35rem .5rem;border-bottom:1px solid #e4e7eb;text-align:right}
            th{background:#f5f7fa} td.l,th.l{text-align:left}
            .lvl{display:inline-block;padding:.1rem .4rem;border-radius:.3rem;color:#fff;font-size:.85em}
            .l1{background:#c53030}.l2{background:#dd6b20}.l3{background:#d69e2e}.l4{background:#38a169}.l5{background:#2b6cb0}
            .grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(320px,1fr));gap:1.5rem}
            .chart h3{margin:.2rem 0} .bar{display:flex;align-items:center;margin:.15rem 0;font-size:.85em}
            .bar span.n{width:9rem;overflow:hidden;white-space:nowrap;text-overflow:ellipsis} .bar .t{flex:1;background:#edf2f7;height:.9rem;margin:0 .4rem}
            .bar .f{background:#3182ce;height:100%} .bar .c{background:#805ad5;height:100%} .bar .v{width:3.2rem;text-align:right}
            .lvl{white-space:nowrap}
            </style></head><body>
            <h1>Smart city readiness {{year}}</h1>
            <p class="sub">{{ranked.Count}} regencies and cities ranked · catalog {{Encode(catalog.Version)}} · generated {{generatedAt:yyyy-MM-dd HH:mm}} UTC</p>
            <h2>Ranking</h2>
            <table><thead><tr><th>#</th><th class="l">Regency / city</th><th class="l">Province</th><th>Overall</th><th class="l">Level</th>
            """);
        foreach (var dimension in Enum.GetValues<Dimension>())
        {
            html.Append(CultureInfo.InvariantCulture, $"<th>{dimension}</th>");
        }

        html.Append("<th>Coverage</th><th>Trend</th></tr></thead><tbody>\n");
        foreach (var s in ranked)
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr><td>{s.NationalRank}</td><td class=\"l\">{Encode(s.RegencyName)} <small>{Encode(s.RegencyCode)}</small></td><td class=\"l\">{Encode(s.ProvinceName)}</td><td><b>{s.Overall:0.0}</b></td><td class=\"l\"><span class=\"lvl l{Math.Clamp(s.Level, 1, 5)}\">{s.Level} {Encode(s.LevelName)}</span></td>");
            foreach (var dimension in Enum.GetValues<Dimension>())
            {
                html.Append(CultureInfo.InvariantCulture, $"<td>{s.DimensionScores.GetValueOrDefault(dimension):0.0}</td>");
            }

            var trend = s.Trend is { } t ? t.ToString("+0.0;-0.0;0.0", CultureInfo.InvariantCulture) : "–";
            html.Append(CultureInfo.InvariantCulture, $"<td>{s.Coverage:P0}</td><td>{trend}</td></tr>\n");
        }

        html.Append("</tbody></table>\n<h2>Dimensions</h2><div class=\"grid\">\n");
        foreach (var dimension in Enum.GetValues<Dimension>())
        {
            html.Append(CultureInfo.InvariantCulture, $"<div class=\"chart\"><h3>{dimension}</h3>\n");
            foreach (var s in ranked.OrderByDescending(r => r.DimensionScores.GetValueOrDefault(dimension)))
            {
                var value = s.DimensionScores.GetValueOrDefault(dimension);
                html.Append(CultureInfo.InvariantCulture, $"<div class=\"bar\"><span class=\"n\">{Encode(s.RegencyName)}</span><span class=\"t\"><span class=\"f\" style=\"display:block;width:{value:0.#}%\"></span></span><span class=\"v\">{value:0.0}</span></div>\n");
            }

            html.Append("</div>\n");
        }

        html.Append("</div>\n<h2>Coverage</h2><p class=\"sub\">Share of the catalog's weighted indicators each regency reported; a missing indicator scores 0.</p><div class=\"chart\">\n");
        foreach (var s in ranked.OrderByDescending(r => r.Coverage))
        {
            html.Append(CultureInfo.InvariantCulture, $"<div class=\"bar\"><span class=\"n\">{Encode(s.RegencyName)}</span><span class=\"t\"><span class=\"c\" style=\"display:block;width:{s.Coverage * 100:0.#}%\"></span></span><span class=\"v\">{s.IndicatorsReported}/{s.IndicatorsTotal}</span></div>\n");
        }

        html.Append("</div>\n</body></html>\n");
        return html.ToString();
    }

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}

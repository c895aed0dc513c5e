using System.Globalization;
using System.Net;
using System.Text;
using Readiness.Core.Catalog;

namespace Readiness.Core.Scoring;

/// <summary>
/// A self-contained HTML report of a year's ranked scores that scales to the 514 regencies: a sortable, filterable
/// ranking (province, type, peer group, level, status, name), a province summary and the distribution of each dimension.
/// Each row carries a status badge: <c>Final</c> when its regency-year is approved, <c>Sementara</c> (provisional) otherwise.
/// Indonesian by default with an English switch, readable on a phone, level badges with AA contrast, long names
/// wrapped rather than cut, and every text from the data encoded with its control characters shown as escapes.
/// No external asset, so it opens anywhere (and by e-mail); without script it still shows everything, unsorted.
/// </summary>
public static class ScoreReport
{
    /// <summary>Badge colours of levels 1–5, each at least 4.5:1 against white text (WCAG AA).</summary>
    public static readonly string[] LevelColours = ["#9b2c2c", "#9c4221", "#744210", "#276749", "#2c5282"];

    private static readonly (Dimension Dimension, string Id, string En)[] DimensionNames =
    [
        (Dimension.Governance, "Tata kelola", "Governance"),
        (Dimension.Branding, "Branding", "Branding"),
        (Dimension.Economy, "Ekonomi", "Economy"),
        (Dimension.Living, "Kehidupan", "Living"),
        (Dimension.Society, "Masyarakat", "Society"),
        (Dimension.Environment, "Lingkungan", "Environment"),
    ];

    public static string ToHtml(int year, IReadOnlyList<RegencyScore> ranked, IndicatorCatalog catalog, DateTimeOffset generatedAt)
    {
        var html = new StringBuilder();
        var final = ranked.Count(s => s.IsFinal);
        var css = string.Concat(LevelColours.Select((c, i) => $".l{i + 1}{{background:{c}}}"));
        html.Append(CultureInfo.InvariantCulture, $$"""
            <!DOCTYPE html>
            <html lang="id"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>Kesiapan kota cerdas {{year}} · Smart city readiness {{year}}</title>
            <style>
            body{font-family:system-ui,Segoe UI,Arial,sans-serif;margin:1rem;color:#1f2933;max-width:1400px}
            h1{margin-bottom:.2rem;font-size:1.6rem} .sub{color:#3e4c59;margin-top:0}
            body.id .en,body.en .id{display:none}
            .tools{display:flex;flex-wrap:wrap;gap:.5rem;align-items:end;margin:1rem 0} .tools label{display:flex;flex-direction:column;font-size:.85em}
            .tools select,.tools input,.tools button{font:inherit;padding:.3rem;min-height:2.2rem}
            .scroll{overflow-x:auto} table{border-collapse:collapse;width:100%;margin:.5rem 0 2rem;font-size:.9em}
            th,td{padding:.35rem .5rem;border-bottom:1px solid #e4e7eb;text-align:right;vertical-align:top} th{background:#f5f7fa;position:sticky;top:0}
            th button{font:inherit;font-weight:bold;background:none;border:0;padding:0;cursor:pointer;color:inherit}
            td.l,th.l{text-align:left} td.name{min-width:12rem;overflow-wrap:anywhere}
            .lvl{display:inline-block;padding:.1rem .4rem;border-radius:.3rem;color:#fff;font-size:.85em;white-space:nowrap}
            .st{display:inline-block;padding:.05rem .4rem;border-radius:.3rem;font-size:.85em;white-space:nowrap;border:1px solid #276749}
            .st.final{background:#276749;color:#fff} .st.provisional{background:#fff;color:#744210;border-color:#744210}
            {{css}}
            .grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(280px,1fr));gap:1.5rem}
            .hist{display:flex;align-items:end;height:8rem;gap:2px;border-bottom:1px solid #52606d} .hist span{flex:1;background:#2b6cb0;min-height:1px}
            .axis{display:flex;justify-content:space-between;font-size:.8em;color:#3e4c59}
            </style></head><body class="id">
            <button type="button" id="lang" onclick="switchLanguage()"><span class="id">English</span><span class="en">Bahasa Indonesia</span></button>
            <h1><span class="id">Kesiapan kota cerdas {{year}}</span><span class="en">Smart city readiness {{year}}</span></h1>
            <p class="sub"><span class="id">{{ranked.Count}} kabupaten dan kota diperingkat ({{final}} final, {{ranked.Count - final}} sementara) · katalog {{Encode(catalog.Version)}} · dibuat {{generatedAt:yyyy-MM-dd HH:mm}} UTC</span><span class="en">{{ranked.Count}} regencies and cities ranked ({{final}} final, {{ranked.Count - final}} provisional) · catalog {{Encode(catalog.Version)}} · generated {{generatedAt:yyyy-MM-dd HH:mm}} UTC</span></p>
            <p class="sub"><span class="id">Final: data tahun itu sudah disetujui kementerian. Sementara: belum disetujui, data masih dapat berubah.</span><span class="en">Final: the year's data is approved by the ministry. Provisional: not approved yet, the data may still change.</span></p>
            <h2 id="ranking"><span class="id">Peringkat</span><span class="en">Ranking</span></h2>
            <div class="tools">
            """);
        Filter(html, "province", "Provinsi", "Province", ranked.Select(s => s.ProvinceName).Distinct().Order(StringComparer.Ordinal));
        Filter(html, "kind", "Jenis", "Type", ranked.Select(s => s.RegencyName.StartsWith("Kota ", StringComparison.OrdinalIgnoreCase) ? "Kota" : "Kabupaten").Distinct().Order(StringComparer.Ordinal));
        Filter(html, "peer", "Kelompok sejawat", "Peer group", ranked.Select(s => s.PeerGroup).Where(p => p.Length > 0).Distinct().Order(StringComparer.Ordinal), PeerGroups.English);
        Filter(html, "level", "Tingkat", "Level", ranked.Select(s => $"{s.Level} {s.LevelName}").Distinct().Order(StringComparer.Ordinal));
        Filter(html, "status", "Status", "Status", [ScoreStatus.Final.Label().Id, ScoreStatus.Provisional.Label().Id], StatusEnglish);
        html.Append("""
            <label><span class="id">Cari nama atau kode</span><span class="en">Search name or code</span><input type="search" id="q" oninput="filter()"></label>
            <span id="shown" aria-live="polite"></span></div>
            <div class="scroll"><table id="scores"><thead><tr>
            """);
        Header(html, "#", "#", numeric: true);
        Header(html, "Wilayah", "Regency / city", numeric: false);
        Header(html, "Provinsi", "Province", numeric: false);
        Header(html, "Kelompok sejawat", "Peer group", numeric: false);
        Header(html, "Peringkat sejawat", "Peer rank", numeric: true);
        Header(html, "Skor", "Overall", numeric: true);
        Header(html, "Tingkat", "Level", numeric: true);
        Header(html, "Status", "Status", numeric: false);
        foreach (var (_, id, en) in DimensionNames)
        {
            Header(html, id, en, numeric: true);
        }

        Header(html, "Cakupan", "Coverage", numeric: true);
        Header(html, "Tren", "Trend", numeric: true);
        html.Append("</tr></thead><tbody>\n");
        foreach (var s in ranked)
        {
            var kind = s.RegencyName.StartsWith("Kota ", StringComparison.OrdinalIgnoreCase) ? "Kota" : "Kabupaten";
            var trend = s.Trend is { } t ? t.ToString("+0.0;-0.0;0.0", CultureInfo.InvariantCulture) : "–";
            var (statusId, statusEn) = s.Status.Label();
            html.Append(CultureInfo.InvariantCulture,
                $"<tr data-province=\"{Encode(s.ProvinceName)}\" data-kind=\"{kind}\" data-peer=\"{Encode(s.PeerGroup)}\" data-level=\"{s.Level} {Encode(s.LevelName)}\" data-status=\"{statusId}\">" +
                $"<td data-v=\"{s.NationalRank}\">{s.NationalRank}</td><td class=\"l name\">{Encode(s.RegencyName)} <small>{Encode(s.RegencyCode)}</small></td>" +
                $"<td class=\"l\">{Encode(s.ProvinceName)} <small>({s.ProvinceRank})</small></td><td class=\"l\"><span class=\"id\">{Encode(s.PeerGroup)}</span><span class=\"en\">{Encode(PeerGroups.English(s.PeerGroup))}</span></td><td data-v=\"{s.PeerRank}\">{s.PeerRank}</td>" +
                $"<td data-v=\"{s.Overall:R}\"><b>{s.Overall:0.0}</b></td><td class=\"l\" data-v=\"{s.Level}\"><span class=\"lvl l{Math.Clamp(s.Level, 1, 5)}\">{s.Level} {Encode(s.LevelName)}</span></td>" +
                $"<td class=\"l\"><span class=\"st {s.Status.Name()}\"><span class=\"id\">{statusId}</span><span class=\"en\">{statusEn}</span></span></td>");
            foreach (var (dimension, _, _) in DimensionNames)
            {
                var value = s.DimensionScores.GetValueOrDefault(dimension);
                html.Append(CultureInfo.InvariantCulture, $"<td data-v=\"{value:R}\">{value:0.0}</td>");
            }

            html.Append(CultureInfo.InvariantCulture, $"<td data-v=\"{s.Coverage:R}\">{s.Coverage * 100:0} %</td><td data-v=\"{s.Trend ?? double.NegativeInfinity:R}\">{trend}</td></tr>\n");
        }

        html.Append("</tbody></table></div>\n");
        ProvinceSummary(html, ranked);
        Distributions(html, ranked);
        // switchLanguage, not lang: inside the button's onclick, 'lang' is the button's own lang attribute (a string).
        html.Append("""
            <script>
            function switchLanguage(){var b=document.body,e=b.className=='id';b.className=e?'en':'id';document.documentElement.lang=e?'en':'id';
            document.querySelectorAll('option[data-en]').forEach(function(o){o.text=e?o.dataset.en:o.value})}
            function filter(){var f={},n=0;document.querySelectorAll('.tools select').forEach(function(s){f[s.name]=s.value});
            var q=document.getElementById('q').value.toLowerCase();
            document.querySelectorAll('#scores tbody tr').forEach(function(r){var ok=(!q||r.cells[1].textContent.toLowerCase().indexOf(q)>=0);
            for(var k in f){if(f[k]&&r.dataset[k]!==f[k])ok=false}r.hidden=!ok;if(ok)n++});
            document.getElementById('shown').textContent=n+' / '+document.querySelectorAll('#scores tbody tr').length}
            function sortBy(b){var th=b.parentNode,t=th.closest('table'),i=Array.prototype.indexOf.call(th.parentNode.children,th),
            num=th.dataset.numeric=='1',dir=th.getAttribute('aria-sort')=='ascending'?-1:1;
            th.parentNode.querySelectorAll('th').forEach(function(h){h.removeAttribute('aria-sort')});th.setAttribute('aria-sort',dir>0?'ascending':'descending');
            var rows=Array.prototype.slice.call(t.tBodies[0].rows);rows.sort(function(a,c){var x=a.cells[i],y=c.cells[i];
            if(num){return dir*((parseFloat(x.dataset.v)||-1e9)-(parseFloat(y.dataset.v)||-1e9))}return dir*x.textContent.localeCompare(y.textContent,'id')});
            rows.forEach(function(r){t.tBodies[0].appendChild(r)})}
            filter();
            </script>
            </body></html>

            """);
        return html.ToString();
    }

    /// <param name="english">The English text of a value, where it has one (the option's value stays the code).</param>
    private static void Filter(StringBuilder html, string name, string id, string en, IEnumerable<string> values, Func<string, string>? english = null)
    {
        html.Append(CultureInfo.InvariantCulture, $"<label><span class=\"id\">{id}</span><span class=\"en\">{en}</span><select name=\"{name}\" onchange=\"filter()\"><option value=\"\">–</option>");
        foreach (var value in values)
        {
            html.Append(english is null
                ? $"<option>{Encode(value)}</option>"
                : $"<option value=\"{Encode(value)}\" data-en=\"{Encode(english(value))}\">{Encode(value)}</option>");
        }

        html.Append("</select></label>\n");
    }

    /// <summary>The English badge text of a status filter's (Indonesian) value.</summary>
    private static string StatusEnglish(string id) => id == ScoreStatus.Final.Label().Id ? ScoreStatus.Final.Label().En : ScoreStatus.Provisional.Label().En;

    private static void Header(StringBuilder html, string id, string en, bool numeric) =>
        html.Append(CultureInfo.InvariantCulture, $"<th{(numeric ? "" : " class=\"l\"")} data-numeric=\"{(numeric ? 1 : 0)}\"><button type=\"button\" onclick=\"sortBy(this)\"><span class=\"id\">{id}</span><span class=\"en\">{en}</span></button></th>");

    private static void ProvinceSummary(StringBuilder html, IReadOnlyList<RegencyScore> ranked)
    {
        html.Append("<h2 id=\"provinces\"><span class=\"id\">Ringkasan provinsi</span><span class=\"en\">Province summary</span></h2>\n<div class=\"scroll\"><table id=\"provinces-table\"><thead><tr>");
        Header(html, "Provinsi", "Province", numeric: false);
        Header(html, "Wilayah", "Regencies", numeric: true);
        Header(html, "Rata-rata skor", "Mean overall", numeric: true);
        Header(html, "Terbaik", "Best", numeric: false);
        Header(html, "Rata-rata cakupan", "Mean coverage", numeric: true);
        html.Append("</tr></thead><tbody>\n");
        foreach (var province in ranked.GroupBy(s => (s.ProvinceCode, s.ProvinceName)).OrderByDescending(g => g.Average(s => s.Overall)).ThenBy(g => g.Key.ProvinceCode, StringComparer.Ordinal))
        {
            var best = province.OrderByDescending(s => s.Overall).ThenBy(s => s.RegencyCode, StringComparer.Ordinal).First();
            var mean = province.Average(s => s.Overall);
            var coverage = province.Average(s => s.Coverage);
            html.Append(CultureInfo.InvariantCulture,
                $"<tr><td class=\"l\">{Encode(province.Key.ProvinceName)} <small>{Encode(province.Key.ProvinceCode)}</small></td><td data-v=\"{province.Count()}\">{province.Count()}</td>" +
                $"<td data-v=\"{mean:R}\">{mean:0.0}</td><td class=\"l name\">{Encode(best.RegencyName)} ({best.Overall:0.0})</td><td data-v=\"{coverage:R}\">{coverage * 100:0} %</td></tr>\n");
        }

        html.Append("</tbody></table></div>\n");
    }

    /// <summary>Each dimension as a histogram of ten bands of 10 points: readable for 514 regencies as for 5.</summary>
    private static void Distributions(StringBuilder html, IReadOnlyList<RegencyScore> ranked)
    {
        html.Append("<h2 id=\"dimensions\"><span class=\"id\">Sebaran tiap dimensi</span><span class=\"en\">Distribution of each dimension</span></h2>\n<div class=\"grid\">\n");
        foreach (var (dimension, id, en) in DimensionNames)
        {
            var counts = new int[10];
            foreach (var s in ranked)
            {
                counts[Math.Clamp((int)(s.DimensionScores.GetValueOrDefault(dimension) / 10), 0, 9)]++;
            }

            var max = Math.Max(1, counts.Max());
            html.Append(CultureInfo.InvariantCulture, $"<figure class=\"chart\" data-dimension=\"{dimension}\"><figcaption><b><span class=\"id\">{id}</span><span class=\"en\">{en}</span></b></figcaption><div class=\"hist\">");
            for (var band = 0; band < counts.Length; band++)
            {
                var range = $"{band * 10}–{(band == 9 ? 100 : (band * 10) + 10)}";
                html.Append(CultureInfo.InvariantCulture, $"<span style=\"height:{100.0 * counts[band] / max:0.#}%\" title=\"{range}: {counts[band]}\" data-count=\"{counts[band]}\"></span>");
            }

            html.Append("</div><div class=\"axis\"><span>0</span><span>50</span><span>100</span></div></figure>\n");
        }

        html.Append("</div>\n");
    }

    /// <summary>HTML-encodes a text from the data, showing control and bidirectional-override characters as escapes
    /// (<c>\u001b</c>) so a cell can neither hide text nor reorder what the reader sees.</summary>
    public static string Encode(string text)
    {
        if (!text.Any(IsHidden))
        {
            return WebUtility.HtmlEncode(text);
        }

        var visible = new StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            visible.Append(IsHidden(c) ? $"\\u{(int)c:x4}" : c.ToString());
        }

        return WebUtility.HtmlEncode(visible.ToString());
    }

    private static bool IsHidden(char c) => char.IsControl(c) || c is >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069';
}

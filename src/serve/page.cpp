// The preview page and its /status answer. The page is one self-contained document: its style
// and its script are inline (no external file, no CDN). The script listens to /events (server-
// sent events: one per build) and, when the build number changes, reloads the two frames and
// rewrites the status panel; where it cannot (no EventSource, or the server refused the stream)
// it polls /status twice a second instead.

#include <string_view>

#include "core/xml_escape.hpp"
#include "serve/preview_server.hpp"

namespace folio::serve {
namespace {

std::string url_escape(std::string_view s) {
    static const char hex[] = "0123456789ABCDEF";
    std::string out;
    for (const char c : s) {
        const auto u = static_cast<unsigned char>(c);
        if ((u >= '0' && u <= '9') || (u >= 'A' && u <= 'Z') || (u >= 'a' && u <= 'z') || c == '-' || c == '_' ||
            c == '.' || c == '~') {
            out += c;
        } else {
            out += '%';
            out += hex[u >> 4];
            out += hex[u & 15];
        }
    }
    return out;
}

std::string json_string(std::string_view s) {
    std::string out = "\"";
    for (const char c : s) {
        const auto u = static_cast<unsigned char>(c);
        if (c == '"' || c == '\\') {
            out += '\\';
            out += c;
        } else if (u < 0x20) {
            static const char hex[] = "0123456789abcdef";
            out += "\\u00";
            out += hex[u >> 4];
            out += hex[u & 15];
        } else if (c == '<') {
            out += "\\u003c";  // never "</script>" inside the page's script
        } else {
            out += c;
        }
    }
    return out + "\"";
}

std::string summary(const BuildRecord& r) {
    if (r.number == 0) return "building…";
    std::string s = "Build " + std::to_string(r.number) + " at " + r.clock + ": ";
    s += r.ok ? "done" : "failed, showing the last good outputs";
    return s;
}

const char* style_sheet = R"(
body { margin: 0; font: 15px/1.4 system-ui, sans-serif; color: #1a1a1a; background: #fff; }
header { padding: 0.5rem 1rem; border-bottom: 1px solid #767676; }
h1 { font-size: 1.1rem; margin: 0; display: inline; }
#status { margin: 0 0 0 1rem; display: inline; }
#status.failed { color: #a40000; font-weight: bold; }
#diagnostics { margin: 0.25rem 0 0; padding-left: 1.25rem; font-family: monospace; }
#diagnostics:empty { display: none; }
main { display: flex; height: calc(100vh - 5rem); }
section { flex: 1; display: flex; flex-direction: column; min-width: 0; }
h2 { font-size: 0.95rem; margin: 0.25rem 1rem; }
iframe { flex: 1; border: 1px solid #767676; margin: 0 0.5rem 0.5rem; width: calc(100% - 1rem); }
@media (max-width: 40rem) { main { flex-direction: column; height: auto; } iframe { height: 70vh; } }
)";

const char* script = R"(
let shown = BUILD;
function show(s) {
  if (s.build === shown) return;
  shown = s.build;
  const status = document.getElementById('status');
  status.textContent = s.summary;
  status.className = s.ok ? '' : 'failed';
  const list = document.getElementById('diagnostics');
  list.replaceChildren(...s.diagnostics.map(d => { const li = document.createElement('li'); li.textContent = d; return li; }));
  if (s.ok) for (const f of document.querySelectorAll('iframe')) f.src = f.dataset.src + '?build=' + s.build;
}
async function poll() {
  try {
    const r = await fetch('/status', {cache: 'no-store'});
    show(await r.json());
  } catch (e) { /* the watcher stopped or is restarting: try again */ }
  setTimeout(poll, 500);
}
let polling = false;
function fall_back() {
  if (polling) return;
  polling = true;
  document.body.dataset.updates = 'polling';
  setTimeout(poll, 500);
}
if ('EventSource' in window) {
  const events = new EventSource('/events');
  document.body.dataset.updates = 'events';
  events.addEventListener('build', e => show(JSON.parse(e.data)));
  // (a dropped stream reconnects by itself; a refused one is CLOSED for good)
  events.onerror = () => { if (events.readyState === EventSource.CLOSED) fall_back(); };
} else {
  fall_back();
}
)";

}  // namespace

std::string status_json(const BuildRecord& r) {
    std::string out = "{\"build\":" + std::to_string(r.number) + ",\"ok\":" + (r.ok ? "true" : "false") +
                      ",\"time\":" + json_string(r.clock) + ",\"ms\":" + std::to_string(static_cast<long>(r.milliseconds)) +
                      ",\"summary\":" + json_string(summary(r)) + ",\"diagnostics\":[";
    for (std::size_t i = 0; i < r.diagnostics.size(); ++i) {
        out += (i == 0 ? "" : ",") + json_string(core::format(r.diagnostics[i]));
    }
    return out + "]}";
}

std::string event_message(const BuildRecord& r) {
    return "id: " + std::to_string(r.number) + "\nevent: build\ndata: " + status_json(r) + "\n\n";
}

std::string preview_page(const std::string& stem, const BuildRecord& r) {
    const std::string file = core::xml_escape(stem);
    const std::string url = "/out/" + url_escape(stem);
    std::string items;
    for (const auto& d : r.diagnostics) items += "<li>" + core::xml_escape(core::format(d)) + "</li>";
    std::string js = script;
    js.replace(js.find("BUILD"), 5, std::to_string(r.number));
    return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
           "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
           "<link rel=\"icon\" href=\"data:,\">\n"
           "<title>" + file + " – folio preview</title>\n<style>" + style_sheet + "</style>\n</head>\n<body>\n"
           "<header>\n<h1>folio preview: " + file + "</h1>\n<p id=\"status\" role=\"status\"" +
           (r.ok || r.number == 0 ? "" : " class=\"failed\"") + ">" + core::xml_escape(summary(r)) +
           "</p>\n<ul id=\"diagnostics\" aria-label=\"Diagnostics of the last build\">" + items + "</ul>\n</header>\n"
           "<main>\n<section aria-labelledby=\"html-title\">\n<h2 id=\"html-title\">HTML</h2>\n"
           "<iframe title=\"The HTML output\" src=\"" + url + ".html\" data-src=\"" + url +
           ".html\"></iframe>\n</section>\n<section aria-labelledby=\"pdf-title\">\n<h2 id=\"pdf-title\">PDF</h2>\n"
           "<iframe title=\"The PDF output\" src=\"" + url + ".pdf\" data-src=\"" + url +
           ".pdf\"></iframe>\n</section>\n</main>\n<script>" + js + "</script>\n</body>\n</html>\n";
}

}  // namespace folio::serve

#include "analyzers/html_text.h"

#include "analyzers/text_lines.h"

#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/tree.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cstring>
#include <memory>
#include <mutex>

namespace councilsearch {
namespace {

bool NameIs(const xmlNode* n, const char* name) {
  return n->name != nullptr && xmlStrcasecmp(n->name, reinterpret_cast<const xmlChar*>(name)) == 0;
}

bool NameIn(const xmlNode* n, std::initializer_list<const char*> names) {
  return std::any_of(names.begin(), names.end(), [n](const char* name) { return NameIs(n, name); });
}

std::string Attr(const xmlNode* n, const char* name) {
  xmlChar* v = xmlGetProp(n, reinterpret_cast<const xmlChar*>(name));
  if (v == nullptr) return {};
  std::string s(reinterpret_cast<const char*>(v));
  xmlFree(v);
  return s;
}

std::string Lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  return s;
}

// Class and id words that mark page chrome rather than content.
bool HasChromeMarker(const xmlNode* n) {
  static constexpr std::array<const char*, 12> kMarkers = {
      "skip", "breadcrumb", "cookie", "visually-hidden", "visuallyhidden", "sr-only",
      "screen-reader", "site-header", "site-footer", "navbar", "main-menu", "cookie-banner"};
  const std::string words = Lower(Attr(n, "class") + " " + Attr(n, "id"));
  if (words.size() <= 1) return false;
  return std::any_of(kMarkers.begin(), kMarkers.end(),
                     [&](const char* m) { return words.find(m) != std::string::npos; });
}

bool IsHidden(const xmlNode* n) {
  if (xmlHasProp(n, reinterpret_cast<const xmlChar*>("hidden")) != nullptr) return true;
  if (Lower(Attr(n, "aria-hidden")) == "true") return true;
  const std::string style = Lower(Attr(n, "style"));
  if (style.find("display:none") != std::string::npos || style.find("display: none") != std::string::npos)
    return true;
  const std::string role = Lower(Attr(n, "role"));
  return role == "navigation" || role == "banner" || role == "contentinfo" || role == "search";
}

bool IsMainRegion(const xmlNode* n) {
  if (NameIs(n, "main")) return true;
  if (Lower(Attr(n, "role")) == "main") return true;
  const std::string id = Lower(Attr(n, "id"));
  return id == "main-content" || id == "maincontent" || id == "main";
}

const xmlNode* FindMainRegion(const xmlNode* n) {
  for (; n != nullptr; n = n->next) {
    if (n->type != XML_ELEMENT_NODE) continue;
    if (IsMainRegion(n)) return n;
    if (const xmlNode* found = FindMainRegion(n->children)) return found;
  }
  return nullptr;
}

const xmlNode* FindElement(const xmlNode* n, const char* name) {
  for (; n != nullptr; n = n->next) {
    if (n->type != XML_ELEMENT_NODE) continue;
    if (NameIs(n, name)) return n;
    if (const xmlNode* found = FindElement(n->children, name)) return found;
  }
  return nullptr;
}

class TextCollector {
 public:
  explicit TextCollector(bool inside_main) : inside_main_(inside_main) {}

  void Walk(const xmlNode* n) {
    for (; n != nullptr; n = n->next) Visit(n);
  }

  std::string Finish() {
    // Trim trailing spaces on each line, squeeze runs of blank lines to one.
    std::string out;
    size_t blank_run = 0;
    size_t start = 0;
    while (start <= buf_.size()) {
      size_t end = buf_.find('\n', start);
      if (end == std::string::npos) end = buf_.size();
      std::string_view line(buf_.data() + start, end - start);
      while (!line.empty() && (line.back() == ' ' || line.back() == '\t')) line.remove_suffix(1);
      while (!line.empty() && line.front() == ' ') line.remove_prefix(1);
      if (line.empty()) {
        if (++blank_run == 1 && !out.empty()) out += '\n';
      } else {
        blank_run = 0;
        out.append(line);
        out += '\n';
      }
      start = end + 1;
    }
    while (!out.empty() && out.back() == '\n') out.pop_back();
    return out;
  }

 private:
  void Visit(const xmlNode* n) {
    if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
      AppendText(reinterpret_cast<const char*>(n->content));
      return;
    }
    if (n->type != XML_ELEMENT_NODE) return;
    if (NameIn(n, {"script", "style", "noscript", "template", "head", "nav", "svg", "iframe", "object",
                   "button", "select", "option", "textarea", "input", "label", "map", "canvas", "dialog"}))
      return;
    if (IsHidden(n) || HasChromeMarker(n)) return;
    if (!inside_main_ && NameIn(n, {"header", "footer", "aside"})) return;

    if (NameIs(n, "br")) { NewLine(); return; }
    if (NameIs(n, "hr")) { BlankLine(); return; }
    if (NameIs(n, "pre")) {
      BlankLine();
      ++pre_;
      Walk(n->children);
      --pre_;
      BlankLine();
      return;
    }
    if (NameIn(n, {"td", "th"})) {
      if (cell_in_row_++ > 0) buf_ += '\t';
      Walk(n->children);
      return;
    }
    if (NameIs(n, "tr")) {
      NewLine();
      const int saved = cell_in_row_;
      cell_in_row_ = 0;
      Walk(n->children);
      cell_in_row_ = saved;
      NewLine();
      return;
    }
    const bool heading = NameIn(n, {"h1", "h2", "h3", "h4", "h5", "h6"});
    const bool block = heading || NameIn(n, {"p", "div", "li", "ul", "ol", "table", "thead", "tbody", "tfoot",
                                             "section", "article", "main", "blockquote", "dd", "dt", "dl",
                                             "address", "figure", "figcaption", "caption", "header", "footer",
                                             "aside", "form", "fieldset", "legend", "details", "summary", "body"});
    if (heading) BlankLine(); else if (block) NewLine();
    Walk(n->children);
    if (heading) BlankLine(); else if (block) NewLine();
  }

  void AppendText(const char* s) {
    if (s == nullptr) return;
    if (pre_ > 0) {
      buf_ += s;
      return;
    }
    for (const char* p = s; *p != '\0'; ++p) {
      const char c = *p;
      if (c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f') {
        if (!buf_.empty() && buf_.back() != ' ' && buf_.back() != '\n' && buf_.back() != '\t') buf_ += ' ';
      } else {
        buf_ += c;
      }
    }
  }

  void NewLine() {
    if (!buf_.empty() && buf_.back() != '\n') buf_ += '\n';
  }
  void BlankLine() {
    NewLine();
    buf_ += '\n';
  }

  bool inside_main_;
  int pre_ = 0;
  int cell_in_row_ = 0;
  std::string buf_;
};

std::string CollapseSpaces(std::string s) {
  std::string out;
  for (char c : s) {
    const bool space = c == ' ' || c == '\n' || c == '\t' || c == '\r';
    if (space) {
      if (!out.empty() && out.back() != ' ') out += ' ';
    } else {
      out += c;
    }
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

std::string NodeText(const xmlNode* n) {
  xmlChar* content = xmlNodeGetContent(n);
  if (content == nullptr) return {};
  std::string s(reinterpret_cast<const char*>(content));
  xmlFree(content);
  return CollapseSpaces(std::move(s));
}

std::string DropChromeLines(const std::string& text) {
  std::string out;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    const std::string_view line(text.data() + start, end - start);
    if (!IsChromeLine(line)) {
      out.append(line);
      out += '\n';
    }
    start = end + 1;
  }
  while (!out.empty() && out.back() == '\n') out.pop_back();
  return out;
}

}  // namespace

Result<HtmlText> HtmlToText(std::string_view html) {
  static std::once_flag init;
  std::call_once(init, [] { xmlInitParser(); });  // libxml2 must be initialised once before threads use it
  if (html.size() > static_cast<size_t>(INT32_MAX)) return Status::TooLarge("HTML document over 2 GiB");

  const int options = HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET |
                      HTML_PARSE_NOIMPLIED | HTML_PARSE_COMPACT;
  std::unique_ptr<xmlDoc, decltype(&xmlFreeDoc)> doc(
      htmlReadMemory(html.data(), static_cast<int>(html.size()), nullptr, "UTF-8", options), &xmlFreeDoc);
  if (!doc) return Status::Corrupt("HTML could not be parsed");
  const xmlNode* root = xmlDocGetRootElement(doc.get());
  if (root == nullptr) return HtmlText{};

  HtmlText result;
  if (const xmlNode* title = FindElement(root, "title")) result.title = NodeText(title);
  if (result.title.empty())
    if (const xmlNode* h1 = FindElement(root, "h1")) result.title = NodeText(h1);

  const xmlNode* main_region = FindMainRegion(root);
  TextCollector collector(main_region != nullptr);
  if (main_region != nullptr) {
    collector.Walk(main_region->children);
  } else {
    collector.Walk(root);
  }
  result.text = DropChromeLines(collector.Finish());
  return result;
}

}  // namespace councilsearch

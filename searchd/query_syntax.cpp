#include "searchd/query_syntax.h"

#include <string>
#include <vector>

#include "searchd/query_builder.h"
#include "searchd/search_service.h"

namespace councilsearch {
namespace {

enum class Kind { kOperand, kBinary, kNot, kOpen, kClose };

struct Token {
  Kind kind;
  size_t at;  // byte offset in the query
  std::string text;
};

bool IsBinaryOperator(std::string_view word) {
  if (word == "AND" || word == "OR" || word == "XOR") return true;
  for (std::string_view op : {"NEAR", "ADJ"}) {
    if (word == op) return true;
    if (word.size() > op.size() + 1 && word.substr(0, op.size()) == op && word[op.size()] == '/') {
      return word.find_first_not_of("0123456789", op.size() + 1) == std::string_view::npos;
    }
  }
  return false;
}

Status Error(const std::string& what, size_t at, size_t length, std::string_view query) {
  // Show the query up to the end of the problem, so the reader sees where it is.
  std::string upto(query.substr(0, std::min(query.size(), at + std::max<size_t>(length, 1))));
  if (upto.size() > 60) upto = "..." + upto.substr(upto.size() - 57);
  return Status::InvalidArgument("query syntax at character " + std::to_string(at + 1) + ": " + what + ": " + upto);
}

bool IsDateEnd(const std::string& text) { return text.empty() || DateBound(text, false).ok(); }

bool IsAmountEnd(const std::string& text) {
  double value = 0;
  return text.empty() || ParseMoney(text, value);
}

// A word with ".." in it must be a range we know.
Status CheckRange(const Token& t, std::string_view query) {
  const size_t dots = t.text.find("..");
  if (dots == std::string::npos) return Status::Ok();
  const size_t colon = t.text.find(':');
  const std::string field = colon != std::string::npos && colon < dots ? t.text.substr(0, colon) : "";
  const size_t start = field.empty() ? 0 : colon + 1;
  const std::string begin = t.text.substr(start, dots - start), end = t.text.substr(dots + 2);
  const std::string range = "'" + t.text + "'";
  if (field == "amount") {
    if (IsAmountEnd(begin) && IsAmountEnd(end) && !(begin.empty() && end.empty())) return Status::Ok();
    return Error(range + " is not an amount range (write amount:500000..2000000, amount:500k..2m or amount:1m..)",
                 t.at, t.text.size(), query);
  }
  if (field.empty() || field == "date") {
    if (IsDateEnd(begin) && IsDateEnd(end) && !(begin.empty() && end.empty())) return Status::Ok();
    return Error(range + " is not a date range (write 2022-01-01..2023-06-30, 2022..2023 or 2024-03..)", t.at, t.text.size(),
                 query);
  }
  return Error(range + " is a range, but '" + field + ":' takes none (ranges: dates, or amount:)", t.at, t.text.size(), query);
}

}  // namespace

Status CheckQuerySyntax(std::string_view query) {
  std::vector<Token> tokens;
  std::vector<size_t> open;
  size_t i = 0;
  while (i < query.size()) {
    const char c = query[i];
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      ++i;
    } else if (c == '"') {
      const size_t close = query.find('"', i + 1);
      if (close == std::string_view::npos) return Error("the quote '\"' is never closed", i, 1, query);
      tokens.push_back({Kind::kOperand, i, std::string(query.substr(i, close + 1 - i))});
      i = close + 1;
    } else if (c == '(') {
      open.push_back(i);
      tokens.push_back({Kind::kOpen, i, "("});
      ++i;
    } else if (c == ')') {
      if (open.empty()) return Error("')' has no '(' before it", i, 1, query);
      open.pop_back();
      tokens.push_back({Kind::kClose, i, ")"});
      ++i;
    } else {
      size_t j = i;
      // A field value may be quoted: committee:"Full Council".
      while (j < query.size() && query[j] != ' ' && query[j] != '\t' && query[j] != '\n' && query[j] != '\r' &&
             query[j] != '(' && query[j] != ')') {
        if (query[j] == '"' && j > i && query[j - 1] == ':') {
          const size_t close = query.find('"', j + 1);
          if (close == std::string_view::npos) return Error("the quote '\"' is never closed", j, 1, query);
          j = close;
        }
        ++j;
      }
      std::string word(query.substr(i, j - i));
      const Kind kind = IsBinaryOperator(word) ? Kind::kBinary : word == "NOT" ? Kind::kNot : Kind::kOperand;
      tokens.push_back({kind, i, std::move(word)});
      i = j;
    }
  }
  if (!open.empty()) return Error("'(' is never closed", open.back(), 1, query);

  for (size_t t = 0; t < tokens.size(); ++t) {
    const Token& token = tokens[t];
    const Kind before = t == 0 ? Kind::kOpen : tokens[t - 1].kind;
    const bool at_end = t + 1 == tokens.size() || tokens[t + 1].kind == Kind::kClose;
    const Kind after = at_end ? Kind::kClose : tokens[t + 1].kind;
    switch (token.kind) {
      case Kind::kBinary:
        if (before != Kind::kOperand && before != Kind::kClose)
          return Error(token.text + " needs something before it", token.at, token.text.size(), query);
        if (after == Kind::kClose || after == Kind::kBinary)
          return Error(token.text + " needs something after it", token.at, token.text.size(), query);
        break;
      case Kind::kNot:
        if (after == Kind::kClose || after == Kind::kBinary)
          return Error("NOT needs something after it", token.at, token.text.size(), query);
        break;
      case Kind::kOpen:
        if (after == Kind::kClose && t + 1 < tokens.size()) return Error("'()' is empty", token.at, token.text.size(), query);
        break;
      case Kind::kOperand:
        if (Status s = CheckRange(token, query); !s.ok()) return s;
        break;
      case Kind::kClose:
        break;
    }
  }
  return Status::Ok();
}

}  // namespace councilsearch

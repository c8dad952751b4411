#include "common/jsonpath/parser.h"

#include <algorithm>
#include <cstdlib>
#include <optional>
#include <string>
#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/str_split.h"
#include "common/jsonpath/unquote.h"

namespace kube::jsonpath {
namespace {

constexpr int kEof = -1;

absl::Status SyntaxError(std::string message) {
  return absl::InvalidArgumentError(std::move(message));
}

bool IsDigit(int c) { return c >= '0' && c <= '9'; }
// Bytes of multi-byte UTF-8 count as letters: upstream accepts any Unicode letter.
bool IsAlphaNumeric(int c) {
  return c == '_' || c >= 0x80 || (c >= 0 && absl::ascii_isalnum(static_cast<unsigned char>(c)));
}
bool IsTerminator(int c) {
  switch (c) {
    case kEof:
    case ' ':
    case '\t':
    case '\r':
    case '\n':
    case '.':
    case ',':
    case '[':
    case ']':
    case '$':
    case '@':
    case '{':
    case '}':
      return true;
    default:
      return false;
  }
}

// Go's %#U for an ASCII rune: "U+0021 '!'", or "U+0009" when not printable.
std::string RuneText(int c) {
  std::string text = absl::StrFormat("U+%04X", c);
  if (c >= 0x20 && c < 0x7f)
    absl::StrAppend(&text, " '", std::string(1, static_cast<char>(c)), "'");
  return text;
}

// Scans one template, as upstream's Parser: `pos` is the next byte, `start` the
// beginning of the text not yet consumed.
class Parser {
 public:
  Parser(std::string_view input, Literals& literals) : input_(input), literals_(literals) {}

  absl::Status ParseText(NodeList& root) {
    while (pos_ < input_.size()) {
      const size_t brace = input_.find('{', pos_);
      if (brace == std::string_view::npos) break;
      pos_ = brace;
      if (pos_ > start_) root.push_back(TextNode(std::string(ConsumeText())));
      pos_ += 1;
      ConsumeText();
      root.push_back(Node(NodeType::kList));
      if (absl::Status status = ParseInsideAction(root.back().nodes); !status.ok()) return status;
    }
    pos_ = input_.size();
    if (pos_ > start_) root.push_back(TextNode(std::string(ConsumeText())));
    return absl::OkStatus();
  }

 private:
  int Next() {
    if (pos_ >= input_.size()) return kEof;
    return static_cast<unsigned char>(input_[pos_++]);
  }
  int Peek() const {
    return pos_ >= input_.size() ? kEof : static_cast<unsigned char>(input_[pos_]);
  }
  void Backup(int c) {
    if (c != kEof) --pos_;
  }
  std::string_view ConsumeText() {
    std::string_view text = input_.substr(start_, pos_ - start_);
    start_ = pos_;
    return text;
  }
  bool AtPrefix(std::string_view prefix) const { return input_.substr(pos_).starts_with(prefix); }

  Node TextNode(std::string text) {
    Node node(NodeType::kText);
    node.literal = literals_.Add(rapidjson::Value(
        text.data(), static_cast<rapidjson::SizeType>(text.size()), literals_.allocator));
    return node;
  }
  Node LiteralNode(NodeType type, rapidjson::Value value) {
    Node node(type);
    node.literal = literals_.Add(std::move(value));
    return node;
  }

  // Upstream's parseAction: `text` wrapped in braces, parsed on its own, and the
  // nodes of that one action returned.
  absl::StatusOr<NodeList> ParseAction(std::string_view text) {
    const std::string wrapped = "{" + std::string(text) + "}";
    Parser parser(wrapped, literals_);
    NodeList root;
    if (absl::Status status = parser.ParseText(root); !status.ok()) return status;
    return std::move(root.front().nodes);
  }

  // Runs to the closing brace, which it consumes.
  absl::Status ParseInsideAction(NodeList& cur) {
    while (true) {
      absl::Status status;
      if (AtPrefix("}")) {
        pos_ += 1;
        ConsumeText();
        return absl::OkStatus();
      } else if (AtPrefix("[?(")) {
        status = ParseFilter(cur);
      } else if (AtPrefix("..")) {
        status = ParseRecursive(cur);
      } else {
        const int c = Next();
        if (c == kEof || c == '\r' || c == '\n') {
          return SyntaxError("unclosed action");
        } else if (c == ' ' || c == '@' || c == '$') {
          ConsumeText();
        } else if (c == '[') {
          status = ParseArray(cur);
        } else if (c == '"' || c == '\'') {
          status = ParseQuote(cur, c);
        } else if (c == '.') {
          status = ParseField(cur);
        } else if (c == '+' || c == '-' || IsDigit(c)) {
          Backup(c);
          status = ParseNumber(cur);
        } else if (IsAlphaNumeric(c)) {
          Backup(c);
          status = ParseIdentifier(cur);
        } else {
          return SyntaxError(absl::StrCat("unrecognized character in action: ", RuneText(c)));
        }
      }
      if (!status.ok()) return status;
    }
  }

  absl::Status ParseIdentifier(NodeList& cur) {
    int c;
    while (!IsTerminator(c = Next())) {
    }
    Backup(c);
    std::string value(ConsumeText());
    if (value == "true" || value == "false") {
      cur.push_back(LiteralNode(NodeType::kBool, rapidjson::Value(value == "true")));
    } else {
      cur.push_back(Node(NodeType::kIdentifier, std::move(value)));
    }
    return absl::OkStatus();
  }

  absl::Status ParseRecursive(NodeList& cur) {
    if (!cur.empty() && cur.back().type == NodeType::kRecursive) {
      return SyntaxError("invalid multiple recursive descent");
    }
    pos_ += 2;
    ConsumeText();
    cur.push_back(Node(NodeType::kRecursive));
    if (IsAlphaNumeric(Peek())) return ParseField(cur);
    return absl::OkStatus();
  }

  // Go's strconv.Atoi, then ParseFloat, on a run of sign, digits and dots.
  absl::Status ParseNumber(NodeList& cur) {
    if (Peek() == '+' || Peek() == '-') Next();
    int c;
    while ((c = Next()) == '.' || IsDigit(c)) {
    }
    Backup(c);
    const std::string value(ConsumeText());
    std::string_view unsigned_part = value;
    if (!unsigned_part.empty() && (unsigned_part[0] == '+' || unsigned_part[0] == '-')) {
      unsigned_part.remove_prefix(1);
    }
    const size_t dots = std::count(unsigned_part.begin(), unsigned_part.end(), '.');
    int64_t integer;
    if (dots == 0 && !unsigned_part.empty() && absl::SimpleAtoi(value, &integer)) {
      cur.push_back(LiteralNode(NodeType::kInt, rapidjson::Value(integer)));
      return absl::OkStatus();
    }
    // ParseFloat takes one optional dot and at least one digit: "1", "1.", ".5".
    if (dots <= 1 && unsigned_part.size() > dots) {
      cur.push_back(
          LiteralNode(NodeType::kFloat, rapidjson::Value(std::strtod(value.c_str(), nullptr))));
      return absl::OkStatus();
    }
    return SyntaxError(absl::StrCat("cannot parse number ", value));
  }

  absl::Status ParseArray(NodeList& cur) {
    while (true) {
      const int c = Next();
      if (c == kEof || c == '\n') return SyntaxError("unterminated array");
      if (c == ']') break;
    }
    std::string_view text = ConsumeText();
    text = text.substr(1, text.size() - 2);
    if (text == "*") text = ":";

    // union: [a,b]
    std::vector<std::string> parts = absl::StrSplit(std::string(text), ',');
    if (parts.size() > 1) {
      Node node(NodeType::kUnion);
      for (const std::string& part : parts) {
        absl::StatusOr<NodeList> branch = ParseAction("[" + std::string(TrimSpaces(part)) + "]");
        if (!branch.ok()) return branch.status();
        node.lists.push_back(*std::move(branch));
      }
      cur.push_back(std::move(node));
      return absl::OkStatus();
    }

    // dict key: ['name'], parsed as .name
    if (text.size() >= 2 && text.front() == '\'' && text.back() == '\'' &&
        text.substr(1, text.size() - 2).find('\'') == std::string_view::npos) {
      absl::StatusOr<NodeList> nodes =
          ParseAction("." + std::string(text.substr(1, text.size() - 2)));
      if (!nodes.ok()) return nodes.status();
      for (Node& node : *nodes) cur.push_back(std::move(node));
      return absl::OkStatus();
    }

    // slice: [start:end:step], each part optional
    std::optional<std::array<std::string_view, 3>> groups = SliceGroups(text);
    if (!groups) return SyntaxError("invalid array index " + std::string(text));
    Node node(NodeType::kArray);
    for (int i = 0; i < 3; ++i) {
      std::string_view value = (*groups)[i];
      ArrayParam& param = node.params[i];
      if (!value.empty()) {
        if (i > 0) value.remove_prefix(1);
        if (i > 0 && value.empty()) continue;  // unknown
        param.known = true;
        if (!absl::SimpleAtoi(std::string(value), &param.value)) {
          return SyntaxError("array index " + std::string(value) + " is not a number");
        }
      } else if (i == 1) {
        param = {node.params[0].value + 1, true, true};
      }
    }
    cur.push_back(std::move(node));
    return absl::OkStatus();
  }

  // strings.Trim(s, " ").
  static std::string_view TrimSpaces(std::string_view s) {
    while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
    while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
    return s;
  }

  // The groups of ^(-?\d*)(:-?\d*)?(:-?\d*)?$, or nullopt when it does not match.
  static std::optional<std::array<std::string_view, 3>> SliceGroups(std::string_view text) {
    std::array<std::string_view, 3> groups;
    size_t i = 0;
    auto number = [&] {
      if (i < text.size() && text[i] == '-') ++i;
      while (i < text.size() && IsDigit(text[i])) ++i;
    };
    number();
    groups[0] = text.substr(0, i);
    for (int g = 1; g < 3 && i < text.size() && text[i] == ':'; ++g) {
      const size_t begin = i++;
      number();
      groups[g] = text.substr(begin, i - begin);
    }
    if (i != text.size()) return std::nullopt;
    return groups;
  }

  absl::Status ParseFilter(NodeList& cur) {
    pos_ += 3;
    ConsumeText();
    bool begin = false;
    bool end = false;
    int pair = 0;
    while (true) {
      const int c = Next();
      if (c == kEof || c == '\n') return SyntaxError("unterminated filter");
      if (c == '"' || c == '\'') {
        if (!begin) {
          begin = true;
          pair = c;
          continue;
        }
        if (input_[pos_ - 2] != '\\' && c == pair) end = true;
      } else if (c == ')' && begin == end) {
        break;
      }
    }
    if (Next() != ']') return SyntaxError("unclosed array expect ]");
    std::string_view text = ConsumeText();
    text.remove_suffix(2);

    // ^([^!<>=]+)([!<>=]+)(.+?)$
    auto is_operator = [](char c) { return c == '!' || c == '<' || c == '>' || c == '='; };
    size_t left_end = 0;
    while (left_end < text.size() && !is_operator(text[left_end])) ++left_end;
    size_t op_end = left_end;
    while (op_end < text.size() && is_operator(text[op_end])) ++op_end;
    if (op_end == text.size() && op_end > left_end) --op_end;  // the right side needs a character
    Node node(NodeType::kFilter);
    if (left_end == 0 || op_end <= left_end || op_end >= text.size()) {
      absl::StatusOr<NodeList> left = ParseAction(text);
      if (!left.ok()) return left.status();
      node.name = "exists";
      node.lists = {*std::move(left), NodeList{}};
    } else {
      absl::StatusOr<NodeList> left = ParseAction(text.substr(0, left_end));
      if (!left.ok()) return left.status();
      absl::StatusOr<NodeList> right = ParseAction(text.substr(op_end));
      if (!right.ok()) return right.status();
      node.name = std::string(text.substr(left_end, op_end - left_end));
      node.lists = {*std::move(left), *std::move(right)};
    }
    cur.push_back(std::move(node));
    return absl::OkStatus();
  }

  absl::Status ParseQuote(NodeList& cur, int quote) {
    while (true) {
      const int c = Next();
      if (c == kEof || c == '\n') return SyntaxError("unterminated quoted string");
      if (c == quote && input_[pos_ - 2] != '\\') break;
    }
    std::string_view value = ConsumeText();
    std::optional<std::string> text = UnquoteExtend(value);
    if (!text) {
      return SyntaxError("unquote string " + std::string(value) + " error invalid syntax");
    }
    cur.push_back(TextNode(*std::move(text)));
    return absl::OkStatus();
  }

  // After the dot: the name runs to the next unescaped terminator.
  absl::Status ParseField(NodeList& cur) {
    ConsumeText();
    while (true) {
      const int c = Next();
      if (c == '\\') {
        Next();
      } else if (IsTerminator(c)) {
        Backup(c);
        break;
      }
    }
    std::string_view value = ConsumeText();
    if (value == "*") {
      cur.push_back(Node(NodeType::kWildcard));
    } else {
      cur.push_back(Node(NodeType::kField, absl::StrReplaceAll(std::string(value), {{"\\", ""}})));
    }
    return absl::OkStatus();
  }

  std::string_view input_;
  Literals& literals_;
  size_t pos_ = 0;
  size_t start_ = 0;
};

}  // namespace

absl::StatusOr<Template> Parse(std::string_view text) {
  auto literals = std::make_shared<Literals>();
  Template parsed;
  Parser parser(text, *literals);
  if (absl::Status status = parser.ParseText(parsed.root); !status.ok()) return status;
  parsed.literals = std::move(literals);
  return parsed;
}

absl::StatusOr<Template> ParseExpression(std::string_view path) {
  return Parse("{" + std::string(path) + "}");
}

}  // namespace kube::jsonpath

#include "common/selectors/label_parser.h"

#include <algorithm>
#include <set>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "common/selectors/go_errors.h"
#include "common/validation/names.h"

namespace kube::selectors::internal {
namespace {

enum class Token {
  kError,
  kEndOfString,
  kClosedPar,
  kComma,
  kDoesNotExist,
  kDoubleEquals,
  kEquals,
  kGreaterThan,
  kIdentifier,
  kIn,
  kLessThan,
  kNotEquals,
  kNotIn,
  kOpenPar,
};

struct ScannedItem {
  Token token;
  std::string literal;
};

// The literal tokens; anything else the lexer finds is an identifier.
bool LookupToken(std::string_view s, Token* token) {
  static constexpr std::pair<std::string_view, Token> kTokens[] = {
      {")", Token::kClosedPar},     {",", Token::kComma},    {"!", Token::kDoesNotExist},
      {"==", Token::kDoubleEquals}, {"=", Token::kEquals},   {">", Token::kGreaterThan},
      {"in", Token::kIn},           {"<", Token::kLessThan}, {"!=", Token::kNotEquals},
      {"notin", Token::kNotIn},     {"(", Token::kOpenPar},
  };
  for (const auto& [text, tok] : kTokens) {
    if (s == text) {
      *token = tok;
      return true;
    }
  }
  return false;
}

bool IsWhitespace(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

bool IsSpecialSymbol(char c) {
  switch (c) {
    case '=':
    case '!':
    case '(':
    case ')':
    case ',':
    case '>':
    case '<':
      return true;
    default:
      return false;
  }
}

// Upstream's byte lexer, quirks included: a NUL byte reads as end of input.
class Lexer {
 public:
  explicit Lexer(std::string_view s) : s_(s) {}

  ScannedItem Lex() {
    char c = Read();
    while (IsWhitespace(c)) c = Read();
    if (c == 0) return {Token::kEndOfString, ""};
    Unread();
    return IsSpecialSymbol(c) ? ScanSpecialSymbol() : ScanIdentifierOrKeyword();
  }

 private:
  char Read() { return pos_ < s_.size() ? s_[pos_++] : 0; }
  void Unread() { --pos_; }

  ScannedItem ScanIdentifierOrKeyword() {
    std::string buffer;
    for (;;) {
      const char c = Read();
      if (c == 0) break;
      if (IsSpecialSymbol(c) || IsWhitespace(c)) {
        Unread();
        break;
      }
      buffer.push_back(c);
    }
    Token token;
    if (LookupToken(buffer, &token)) return {token, buffer};
    return {Token::kIdentifier, buffer};
  }

  // The longest run of special symbols that still spells a token ("!=", "==").
  ScannedItem ScanSpecialSymbol() {
    std::string buffer;
    ScannedItem last{Token::kError, ""};
    for (;;) {
      const char c = Read();
      if (c == 0) break;
      if (!IsSpecialSymbol(c)) {
        Unread();
        break;
      }
      buffer.push_back(c);
      Token token;
      if (LookupToken(buffer, &token)) {
        last = {token, buffer};
      } else if (last.token != Token::kError) {
        Unread();
        break;
      }
    }
    if (last.token == Token::kError) {
      return {Token::kError, absl::StrCat("error expected: keyword found '", buffer, "'")};
    }
    return last;
  }

  std::string_view s_;
  size_t pos_ = 0;
};

// Where a token is read decides whether "in"/"notin" are operators or plain words.
enum class Context { kKeyAndOperator, kValues };

class Parser {
 public:
  explicit Parser(std::string_view selector) {
    Lexer lexer(selector);
    for (;;) {
      items_.push_back(lexer.Lex());
      if (items_.back().token == Token::kEndOfString) break;
    }
  }

  absl::StatusOr<std::vector<Requirement>> Parse() {
    std::vector<Requirement> requirements;
    for (;;) {
      const auto [token, literal] = Lookahead(Context::kValues);
      switch (token) {
        case Token::kIdentifier:
        case Token::kDoesNotExist: {
          absl::StatusOr<Requirement> r = ParseRequirement();
          if (!r.ok()) {
            return absl::InvalidArgumentError(
                absl::StrCat("unable to parse requirement: ", r.status().message()));
          }
          requirements.push_back(*std::move(r));
          const auto [next, next_literal] = Consume(Context::kValues);
          if (next == Token::kEndOfString) return requirements;
          if (next != Token::kComma) {
            return absl::InvalidArgumentError(
                absl::StrCat("found '", next_literal, "', expected: ',' or 'end of string'"));
          }
          const auto [after, after_literal] = Lookahead(Context::kValues);
          if (after != Token::kIdentifier && after != Token::kDoesNotExist) {
            return absl::InvalidArgumentError(
                absl::StrCat("found '", after_literal, "', expected: identifier after ','"));
          }
          break;
        }
        case Token::kEndOfString:
          return requirements;
        default:
          return absl::InvalidArgumentError(
              absl::StrCat("found '", literal, "', expected: !, identifier, or 'end of string'"));
      }
    }
  }

 private:
  std::pair<Token, std::string> Lookahead(Context context) const {
    // The lexer always ends with kEndOfString; never read past it.
    const ScannedItem& item = items_[std::min(position_, items_.size() - 1)];
    return {Adjust(item.token, context), item.literal};
  }

  std::pair<Token, std::string> Consume(Context context) {
    auto result = Lookahead(context);
    ++position_;
    return result;
  }

  static Token Adjust(Token token, Context context) {
    if (context == Context::kValues && (token == Token::kIn || token == Token::kNotIn)) {
      return Token::kIdentifier;
    }
    return token;
  }

  absl::StatusOr<Requirement> ParseRequirement() {
    bool does_not_exist = false;
    auto [token, key] = Consume(Context::kValues);
    if (token == Token::kDoesNotExist) {
      does_not_exist = true;
      std::tie(token, key) = Consume(Context::kValues);
    }
    if (token != Token::kIdentifier) {
      return absl::InvalidArgumentError(absl::StrCat("found '", key, "', expected: identifier"));
    }
    if (std::vector<std::string> errs = validation::IsQualifiedName(key); !errs.empty()) {
      // Upstream validates with a nil field path here, which prints as "<nil>".
      return absl::InvalidArgumentError(
          InvalidValue("<nil>", GoQuote(key), absl::StrJoin(errs, "; ")));
    }
    const Token next = Lookahead(Context::kValues).first;
    if (does_not_exist) return Requirement::Create(key, Operator::kDoesNotExist, {});
    if (next == Token::kEndOfString || next == Token::kComma) {
      return Requirement::Create(key, Operator::kExists, {});
    }

    absl::StatusOr<Operator> op = ParseOperator();
    if (!op.ok()) return op.status();
    absl::StatusOr<std::set<std::string>> values =
        (*op == Operator::kIn || *op == Operator::kNotIn) ? ParseValues() : ParseExactValue();
    if (!values.ok()) return values.status();
    return Requirement::Create(key, *op, std::vector<std::string>(values->begin(), values->end()));
  }

  absl::StatusOr<Operator> ParseOperator() {
    const auto [token, literal] = Consume(Context::kKeyAndOperator);
    switch (token) {
      case Token::kIn:
        return Operator::kIn;
      case Token::kEquals:
        return Operator::kEquals;
      case Token::kDoubleEquals:
        return Operator::kDoubleEquals;
      case Token::kGreaterThan:
        return Operator::kGreaterThan;
      case Token::kLessThan:
        return Operator::kLessThan;
      case Token::kNotIn:
        return Operator::kNotIn;
      case Token::kNotEquals:
        return Operator::kNotEquals;
      default:
        return absl::InvalidArgumentError(
            absl::StrCat("found '", literal, "', expected: in, notin, =, ==, !=, gt, lt"));
    }
  }

  // "(" VALUES ")", where "()" and empty list slots mean the empty value.
  absl::StatusOr<std::set<std::string>> ParseValues() {
    const auto [open, open_literal] = Consume(Context::kValues);
    if (open != Token::kOpenPar) {
      return absl::InvalidArgumentError(absl::StrCat("found '", open_literal, "' expected: '('"));
    }
    const auto [token, literal] = Lookahead(Context::kValues);
    switch (token) {
      case Token::kIdentifier:
      case Token::kComma: {
        absl::StatusOr<std::set<std::string>> values = ParseIdentifiersList();
        if (!values.ok()) return values;
        if (Consume(Context::kValues).first != Token::kClosedPar) {
          return absl::InvalidArgumentError(absl::StrCat("found '", literal, "', expected: ')'"));
        }
        return values;
      }
      case Token::kClosedPar:
        Consume(Context::kValues);
        return std::set<std::string>{""};
      default:
        return absl::InvalidArgumentError(
            absl::StrCat("found '", literal, "', expected: ',', ')' or identifier"));
    }
  }

  absl::StatusOr<std::set<std::string>> ParseIdentifiersList() {
    std::set<std::string> values;
    for (;;) {
      const auto [token, literal] = Consume(Context::kValues);
      switch (token) {
        case Token::kIdentifier: {
          values.insert(literal);
          const auto [next, next_literal] = Lookahead(Context::kValues);
          if (next == Token::kClosedPar) return values;
          if (next != Token::kComma) {
            return absl::InvalidArgumentError(
                absl::StrCat("found '", next_literal, "', expected: ',' or ')'"));
          }
          break;
        }
        case Token::kComma: {
          if (values.empty()) values.insert("");  // "(,"
          const Token next = Lookahead(Context::kValues).first;
          if (next == Token::kClosedPar) {  // ",)"
            values.insert("");
            return values;
          }
          if (next == Token::kComma) {  // ",,"
            Consume(Context::kValues);
            values.insert("");
          }
          break;
        }
        default:
          return absl::InvalidArgumentError(
              absl::StrCat("found '", literal, "', expected: ',', or identifier"));
      }
    }
  }

  // The single value after "=", "==", "!=", ">" or "<"; missing means "".
  absl::StatusOr<std::set<std::string>> ParseExactValue() {
    const Token next = Lookahead(Context::kValues).first;
    if (next == Token::kEndOfString || next == Token::kComma) return std::set<std::string>{""};
    const auto [token, literal] = Consume(Context::kValues);
    if (token == Token::kIdentifier) return std::set<std::string>{literal};
    return absl::InvalidArgumentError(absl::StrCat("found '", literal, "', expected: identifier"));
  }

  std::vector<ScannedItem> items_;
  size_t position_ = 0;
};

}  // namespace

absl::StatusOr<std::vector<Requirement>> ParseLabelRequirements(std::string_view selector) {
  absl::StatusOr<std::vector<Requirement>> requirements = Parser(selector).Parse();
  if (!requirements.ok()) return requirements;
  std::stable_sort(requirements->begin(), requirements->end(),
                   [](const Requirement& a, const Requirement& b) { return a.key < b.key; });
  return requirements;
}

}  // namespace kube::selectors::internal

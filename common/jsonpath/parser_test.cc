#include "common/jsonpath/parser.h"

#include <catch2/catch.hpp>

#include "common/jsonpath/testing.h"

namespace kube::jsonpath {
namespace {

std::string ParseError(std::string_view text) {
  absl::StatusOr<Template> parsed = Parse(text);
  if (parsed.ok()) return "ok";
  CHECK(parsed.status().code() == absl::StatusCode::kInvalidArgument);
  return std::string(parsed.status().message());
}

TEST_CASE("JSONPath parse errors carry upstream's messages", "[jsonpath]") {
  CHECK(ParseError("{.a") == "unclosed action");
  CHECK(ParseError("{.a}{.b") == "unclosed action");
  CHECK(ParseError("{.a[1}") == "unterminated array");
  CHECK(ParseError("{.a[x]}") == "invalid array index x");
  CHECK(ParseError("{.a[1:2:3:4]}") == "invalid array index 1:2:3:4");
  CHECK(ParseError("{.a[-]}") == "array index - is not a number");
  CHECK(ParseError(R"({.a[?(@.x=="y"})") == "unterminated filter");
  CHECK(ParseError(R"({.a[?(@.x=="y")})") == "unclosed array expect ]");
  CHECK(ParseError(R"({"abc})") == "unterminated quoted string");
  CHECK(ParseError(R"({"a\q"})") == R"(unquote string "a\q" error invalid syntax)");
  CHECK(ParseError("{!}") == "unrecognized character in action: U+0021 '!'");
  CHECK(ParseError("{.a\t}") == "unrecognized character in action: U+0009");
  CHECK(ParseError("{....a}") == "invalid multiple recursive descent");
  CHECK(ParseError("{1.2.3}") == "cannot parse number 1.2.3");
  CHECK(ParseError("{-}") == "cannot parse number -");
  // Errors inside a filter or union come from parsing that part on its own.
  CHECK(ParseError("{.a[?(@.b[x]==1)]}") == "invalid array index x");
  CHECK(ParseError("{.a[0,x]}") == "invalid array index x");
}

TEST_CASE("JSONPath accepts what kubectl and CRD printer columns use", "[jsonpath]") {
  for (const char* text : {
           "{.spec.replicas}",
           R"({.status.conditions[?(@.type=="Ready")].status})",
           "{.status.conditions[?(@.type=='Ready')].status}",
           R"({.status.conditions[?(@.type == "Ready")].status})",
           "{.items[*].metadata.name}",
           "{['spec']['x.y']}",
           "{.a[0]}{.a[-1]}{.a[1:3]}{.a[:2]}{.a[::2]}{.a[*]}{.a[]}",
           "{..name}",
           "{$.a.b}",
           "{.a[?(@.x)]}",
           "{.a[?(@.x>=1.5)]}",
           "{.a[?(@.x!=true)]}",
           "{.metadata.labels.app\\.kubernetes\\.io/name}",
           "plain text, no action",
           "",
       }) {
    INFO(text);
    CHECK(Parse(text).ok());
  }
}

TEST_CASE("ParseExpression wraps a bare path in braces as the CRD printer does", "[jsonpath]") {
  REQUIRE(ParseExpression(".spec.replicas").ok());
  // A column path written with braces becomes {{...}}, which upstream rejects too.
  absl::StatusOr<Template> braced = ParseExpression("{.spec.replicas}");
  REQUIRE_FALSE(braced.ok());
  CHECK(braced.status().message() == "unrecognized character in action: U+007B '{'");
}

TEST_CASE("JSONPath parses the structure upstream's parser builds", "[jsonpath]") {
  absl::StatusOr<Template> parsed = Parse("a{.b[1:]}c");
  REQUIRE(parsed.ok());
  REQUIRE(parsed->root.size() == 3);
  CHECK(parsed->root[0].type == NodeType::kText);
  CHECK(parsed->root[0].literal->GetString() == std::string("a"));
  const NodeList& action = parsed->root[1].nodes;
  REQUIRE(action.size() == 2);
  CHECK(action[0].type == NodeType::kField);
  CHECK(action[0].name == "b");
  CHECK(action[1].type == NodeType::kArray);
  CHECK(action[1].params[0].known);
  CHECK(action[1].params[0].value == 1);
  CHECK_FALSE(action[1].params[1].known);
  CHECK(parsed->root[2].type == NodeType::kText);

  // ['x.y'] is .x.y (upstream kubernetes#23386); an escaped dot stays in the key.
  absl::StatusOr<Template> dotted = Parse("{['x.y']}{['x\\.y']}");
  REQUIRE(dotted.ok());
  REQUIRE(dotted->root[0].nodes.size() == 2);
  CHECK(dotted->root[0].nodes[1].name == "y");
  REQUIRE(dotted->root[1].nodes.size() == 1);
  CHECK(dotted->root[1].nodes[0].name == "x.y");

  absl::StatusOr<Template> filter = Parse(R"({[?(@.type == "Ready")]})");
  REQUIRE(filter.ok());
  const Node& node = filter->root[0].nodes[0];
  CHECK(node.type == NodeType::kFilter);
  CHECK(node.name == "==");
  REQUIRE(node.lists[1].size() == 1);
  CHECK(node.lists[1][0].literal->GetString() == std::string("Ready"));

  absl::StatusOr<Template> exists = Parse("{[?(@.x)]}");
  REQUIRE(exists.ok());
  CHECK(exists->root[0].nodes[0].name == "exists");
}

TEST_CASE("JSONPath quoted strings unquote as Go's strconv", "[jsonpath]") {
  const rapidjson::Document doc = testing::Json(R"({"items": [{"n": "it's"}, {"n": "b"}]})");
  CHECK(testing::Run(R"({"a\tb"})", doc) == "a\tb");
  CHECK(testing::Run(R"({'it\'s'})", doc) == "it's");
  CHECK(testing::Run(R"({"\x41\101\u00e9\U0001F600"})", doc) == "AA\u00e9\U0001F600");
  CHECK(testing::Run(R"({.items[?(@.n=='it\'s')].n})", doc) == "it's");
  CHECK(testing::Run(R"({'say "hi"'})", doc) == "say \"hi\"");
  CHECK(testing::Run(R"({"\'"})", doc) == R"(error: unquote string "\'" error invalid syntax)");
}

}  // namespace
}  // namespace kube::jsonpath

#include "common/selectors/label_selector.h"

#include <google/protobuf/map.h>

#include <catch2/catch.hpp>
#include <map>
#include <string>

namespace kube::selectors {
namespace {

using LabelMap = std::map<std::string, std::string>;

constexpr const char* kKeyRegexError =
    "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with "
    "an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for "
    "validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";
constexpr const char* kValueRegexError =
    "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' "
    "or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or "
    "'my_value',  or '12345', regex used for validation is "
    "'(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";

LabelSelector MustParse(std::string_view s) {
  absl::StatusOr<LabelSelector> selector = LabelSelector::Parse(s);
  INFO(s << ": " << selector.status().ToString());
  REQUIRE(selector.ok());
  return *selector;
}

std::string ParseError(std::string_view s) {
  absl::StatusOr<LabelSelector> selector = LabelSelector::Parse(s);
  INFO(s);
  REQUIRE_FALSE(selector.ok());
  CHECK(selector.status().code() == absl::StatusCode::kInvalidArgument);
  return std::string(selector.status().message());
}

TEST_CASE("Parse accepts upstream's good selectors") {
  for (const char* s : {"",
                        "x=a,y=b,z=c",
                        "x!=a,y=b",
                        "x=",
                        "x= ",
                        "x=,z= ",
                        "x= ,z= ",
                        "!x",
                        "x>1",
                        "x>1,z<5",
                        "x >1",
                        "x> 1",
                        "x< 1",
                        "x==a",
                        "x in (a)",
                        "x in (a,b,c)",
                        "x notin ()",
                        "x in (,a)",
                        "x in (a,)",
                        "x in (a,,b)",
                        "x in ( a , b )",
                        "x,y",
                        "!x,!y",
                        "x in (foo,,baz),y,z notin ()",
                        "  x = a  ,\ty\n!=\rb ",
                        "in in (in,notin)",
                        "notin notin (notin)",
                        "example.com/x=a",
                        "a.b/c-d_e.f in (1,2)"}) {
    INFO(s);
    CHECK(LabelSelector::Parse(s).ok());
  }
}

TEST_CASE("Parse builds the requirements upstream builds") {
  CHECK(MustParse("").Empty());
  CHECK(MustParse(" ").Empty());
  CHECK(MustParse("y=b,x=a").Requirements() ==
        std::vector<Requirement>{{"x", Operator::kEquals, {"a"}}, {"y", Operator::kEquals, {"b"}}});
  CHECK(MustParse("x in (foo,,baz),y,z notin ()").Requirements() ==
        std::vector<Requirement>{{"x", Operator::kIn, {"", "baz", "foo"}},
                                 {"y", Operator::kExists, {}},
                                 {"z", Operator::kNotIn, {""}}});
  CHECK(MustParse("x=").Requirements() == std::vector<Requirement>{{"x", Operator::kEquals, {""}}});
  CHECK(MustParse("!x").Requirements() ==
        std::vector<Requirement>{{"x", Operator::kDoesNotExist, {}}});
  CHECK(MustParse("x==a,y!=b,z>3,w<4").Requirements() ==
        std::vector<Requirement>{{"w", Operator::kLessThan, {"4"}},
                                 {"x", Operator::kDoubleEquals, {"a"}},
                                 {"y", Operator::kNotEquals, {"b"}},
                                 {"z", Operator::kGreaterThan, {"3"}}});
  CHECK(MustParse("in in (in,notin)").Requirements() ==
        std::vector<Requirement>{{"in", Operator::kIn, {"in", "notin"}}});
  CHECK(MustParse("x in (a,)").Requirements() ==
        std::vector<Requirement>{{"x", Operator::kIn, {"", "a"}}});
  // Same key twice: both kept, in the order written.
  CHECK(MustParse("x=b,x!=a").Requirements() ==
        std::vector<Requirement>{{"x", Operator::kEquals, {"b"}},
                                 {"x", Operator::kNotEquals, {"a"}}});
}

TEST_CASE("Parse reports syntax errors as upstream") {
  CHECK(ParseError("x in (a") == "unable to parse requirement: found '', expected: ',' or ')'");
  CHECK(ParseError("x in (a b)") == "unable to parse requirement: found 'b', expected: ',' or ')'");
  CHECK(ParseError("x in a)") == "unable to parse requirement: found 'a' expected: '('");
  CHECK(ParseError("x in ((a)") ==
        "unable to parse requirement: found '(', expected: ',', ')' or identifier");
  CHECK(ParseError("x in") == "unable to parse requirement: found '' expected: '('");
  CHECK(ParseError("x in (a,=)") ==
        "unable to parse requirement: found '=', expected: ',', or identifier");
  CHECK(ParseError("x=a)") == "found ')', expected: ',' or 'end of string'");
  CHECK(ParseError("x=a b") == "found 'b', expected: ',' or 'end of string'");
  CHECK(ParseError("x=a,") == "found '', expected: identifier after ','");
  CHECK(ParseError("x=a,,y=b") == "found ',', expected: identifier after ','");
  CHECK(ParseError(",x=a") == "found ',', expected: !, identifier, or 'end of string'");
  CHECK(ParseError("=a") == "found '=', expected: !, identifier, or 'end of string'");
  CHECK(ParseError("(x)") == "found '(', expected: !, identifier, or 'end of string'");
  CHECK(ParseError("x y") ==
        "unable to parse requirement: found 'y', expected: in, notin, =, ==, !=, gt, lt");
  CHECK(ParseError("x>=1") == "unable to parse requirement: found '=', expected: identifier");
  CHECK(ParseError("x===a") == "unable to parse requirement: found '=', expected: identifier");
  CHECK(ParseError("!x=a") == "found '=', expected: ',' or 'end of string'");
  CHECK(ParseError("!") == "unable to parse requirement: found '', expected: identifier");
  CHECK(ParseError("!!x") == "unable to parse requirement: found '!', expected: identifier");
  CHECK(ParseError("x notin") == "unable to parse requirement: found '' expected: '('");
}

TEST_CASE("Parse validates keys and values as upstream") {
  CHECK(ParseError("x@y=a") ==
        std::string("unable to parse requirement: <nil>: Invalid value: \"x@y\": name part ") +
            kKeyRegexError);
  CHECK(ParseError(std::string(64, 'k') + "=a") ==
        "unable to parse requirement: <nil>: Invalid value: \"" + std::string(64, 'k') +
            "\": name part must be no more than 63 characters");
  CHECK(ParseError("example.com/") ==
        std::string("unable to parse requirement: <nil>: Invalid value: \"example.com/\": name "
                    "part must be non-empty; name part ") +
            kKeyRegexError);
  CHECK(ParseError("x=a||y=b") ==
        std::string("unable to parse requirement: values[0][x]: Invalid value: \"a||y\": ") +
            kValueRegexError);
  CHECK(ParseError("x=" + std::string(64, 'v')) ==
        "unable to parse requirement: values[0][x]: Invalid value: \"" + std::string(64, 'v') +
            "\": must be no more than 63 characters");
  CHECK(ParseError("x in (a,-b)") ==
        std::string("unable to parse requirement: values[0][x]: Invalid value: \"-b\": ") +
            kValueRegexError);
  CHECK(ParseError("x>a") ==
        "unable to parse requirement: values[0]: Invalid value: \"a\": for 'Gt', 'Lt' "
        "operators, the value must be an integer");
  CHECK(ParseError("x<") ==
        "unable to parse requirement: values[0]: Invalid value: \"\": for 'Gt', 'Lt' "
        "operators, the value must be an integer");
  CHECK(ParseError("x=\"a\"") ==
        std::string("unable to parse requirement: values[0][x]: Invalid value: \"\\\"a\\\"\": ") +
            kValueRegexError);
}

TEST_CASE("Matches agrees with upstream's table") {
  struct Case {
    const char* selector;
    LabelMap labels;
    bool matches;
  };
  const Case cases[] = {
      {"", {{"x", "y"}}, true},
      {"", {}, true},
      {"x=y", {{"x", "y"}}, true},
      {"x=y,z=w", {{"x", "y"}, {"z", "w"}}, true},
      {"x=y,z=w", {{"x", "y"}}, false},
      {"x!=y,z!=w", {{"x", "z"}, {"z", "a"}}, true},
      {"x!=y", {}, true},
      {"notin=in", {{"notin", "in"}}, true},
      {"x", {{"x", "z"}}, true},
      {"!x", {{"x", "z"}}, false},
      {"!x", {{"y", "z"}}, true},
      {"x>1", {{"x", "2"}}, true},
      {"x<1", {{"x", "0"}}, true},
      {"x=y", {{"x", "z"}}, false},
      {"x=y,z=w", {{"x", "w"}, {"z", "w"}}, false},
      {"x!=y,z!=w", {{"x", "z"}, {"z", "w"}}, false},
      {"x", {{"y", "z"}}, false},
      {"x>1", {{"x", "0"}}, false},
      {"x<1", {{"x", "2"}}, false},
      {"x in (a,b)", {{"x", "b"}}, true},
      {"x in ()", {{"x", ""}}, true},
      {"x in ()", {}, false},
      {"x notin (a,b)", {}, true},
      {"x notin (a,b)", {{"x", "a"}}, false},
      {"x=", {{"x", ""}}, true},
      {"x=", {}, false},
  };
  for (const Case& c : cases) {
    INFO(c.selector);
    CHECK(MustParse(c.selector).Matches(c.labels) == c.matches);
  }
}

TEST_CASE("The nifty pods from the 2015 talk") {
  const std::map<std::string, LabelMap> pods = {
      {"fe-test", {{"app", "nifty"}, {"role", "fe"}, {"phase", "test"}}},
      {"be-test", {{"app", "nifty"}, {"role", "be"}, {"phase", "test"}}},
      {"fe-dev", {{"app", "nifty"}, {"role", "fe"}, {"phase", "dev"}}},
      {"be-prod", {{"app", "nifty"}, {"role", "be"}, {"phase", "prod"}}},
      {"fe-prod", {{"app", "nifty"}, {"role", "fe"}, {"phase", "prod"}}},
      {"other", {{"app", "other"}, {"role", "fe"}, {"phase", "test"}}},
      {"unlabelled", {}},
  };
  const auto select = [&](std::string_view s) {
    const LabelSelector selector = MustParse(s);
    std::vector<std::string> names;
    for (const auto& [name, labels] : pods) {
      if (selector.Matches(labels)) names.push_back(name);
    }
    return names;
  };
  CHECK(select("app=nifty,role=fe") == std::vector<std::string>{"fe-dev", "fe-prod", "fe-test"});
  CHECK(select("app=nifty,phase in (test,dev)") ==
        std::vector<std::string>{"be-test", "fe-dev", "fe-test"});
  CHECK(select("role!=be") ==
        std::vector<std::string>{"fe-dev", "fe-prod", "fe-test", "other", "unlabelled"});
}

TEST_CASE("Matches works on protobuf maps") {
  google::protobuf::Map<std::string, std::string> labels;
  labels["app"] = "nifty";
  labels["role"] = "fe";
  CHECK(MustParse("app=nifty,role in (fe,be)").Matches(labels));
  CHECK_FALSE(MustParse("app=nifty,!role").Matches(labels));
  CHECK(MustParse("tier notin (db)").Matches(labels));
  CHECK(MustParse("").Matches(Labels()));
  CHECK_FALSE(MustParse("app").Matches(Labels()));
}

TEST_CASE("ToString is canonical and parses back to an equal selector") {
  struct Case {
    const char* input;
    const char* canonical;
  };
  const Case cases[] = {
      {"", ""},
      {"x=a", "x=a"},
      {"y=b,x=a", "x=a,y=b"},
      {"  x = a  ,  y  ", "x=a,y"},
      {"x==a", "x==a"},
      {"x!=a", "x!=a"},
      {"x in (b,a,b)", "x in (a,b)"},
      {"x notin (b,a)", "x notin (a,b)"},
      {"x in ()", "x in ()"},
      {"x in (,a)", "x in (,a)"},
      {"x=", "x="},
      {"!x", "!x"},
      {"x>5,x<10", "x>5,x<10"},
      {"tier in (b,a),app=web", "app=web,tier in (a,b)"},
      {"in in (notin,in)", "in in (in,notin)"},
      {"example.com/a=b,!example.com/c", "example.com/a=b,!example.com/c"},
      {"app=nifty,phase in (test,dev)", "app=nifty,phase in (dev,test)"},
  };
  for (const Case& c : cases) {
    INFO(c.input);
    const LabelSelector selector = MustParse(c.input);
    CHECK(selector.ToString() == c.canonical);
    CHECK(MustParse(selector.ToString()) == selector);
  }
}

TEST_CASE("FromMatchLabels") {
  const LabelSelector selector = LabelSelector::FromMatchLabels({{"b", "2"}, {"a", "1"}});
  CHECK(selector.ToString() == "a=1,b=2");
  CHECK(selector.Matches(LabelMap{{"a", "1"}, {"b", "2"}, {"c", "3"}}));
  CHECK_FALSE(selector.Matches(LabelMap{{"a", "1"}}));
  CHECK(LabelSelector::FromMatchLabels({}).Empty());
  CHECK(LabelSelector::FromMatchLabels({}).Matches(LabelMap{}));
}

TEST_CASE("FromRequirements validates as metav1.LabelSelectorAsSelector") {
  absl::StatusOr<LabelSelector> selector = LabelSelector::FromRequirements(
      {{"app", "web"}},
      {{"tier", Operator::kIn, {"b", "a"}}, {"canary", Operator::kDoesNotExist, {}}});
  REQUIRE(selector.ok());
  CHECK(selector->ToString() == "app=web,!canary,tier in (a,b)");
  CHECK(selector->Matches(LabelMap{{"app", "web"}, {"tier", "a"}}));
  CHECK_FALSE(selector->Matches(LabelMap{{"app", "web"}, {"tier", "a"}, {"canary", "1"}}));
  CHECK(LabelSelector::FromRequirements({}, {})->Empty());

  CHECK(LabelSelector::FromRequirements({}, {{"x", Operator::kIn, {}}}).status().message() ==
        "values: Invalid value: null: for 'in', 'notin' operators, values set can't be empty");
  CHECK(LabelSelector::FromRequirements({}, {{"x", Operator::kExists, {"a"}}}).status().message() ==
        "values: Invalid value: [\"a\"]: values set must be empty for exists and does not exist");
  CHECK(LabelSelector::FromRequirements({}, {{"x", Operator::kEquals, {"a"}}}).status().message() ==
        "\"=\" is not a valid label selector operator");
  CHECK(LabelSelector::FromRequirements({{"a b", "c"}}, {}).status().message() ==
        std::string("key: Invalid value: \"a b\": name part ") + kKeyRegexError);
  CHECK(LabelSelector::FromRequirements({{"a", "c d"}}, {}).status().message() ==
        std::string("values[0][a]: Invalid value: \"c d\": ") + kValueRegexError);
}

TEST_CASE("Nothing matches nothing") {
  const LabelSelector nothing = LabelSelector::Nothing();
  CHECK_FALSE(nothing.Matches(LabelMap{}));
  CHECK_FALSE(nothing.Matches(LabelMap{{"a", "b"}}));
  CHECK_FALSE(nothing.Empty());
  CHECK(nothing.IsNothing());
  CHECK(nothing.ToString().empty());
  CHECK(nothing.Requirements().empty());
  CHECK_FALSE(nothing == LabelSelector());
  CHECK(LabelSelector().Matches(LabelMap{}));
  CHECK(LabelSelector().Empty());
}

TEST_CASE("RequiresExactMatch") {
  CHECK(MustParse("a=1,b in (2),c in (3,4),d!=5").RequiresExactMatch("a") == "1");
  CHECK(MustParse("a=1,b in (2),c in (3,4),d!=5").RequiresExactMatch("b") == "2");
  CHECK(MustParse("a=1,b in (2),c in (3,4),d!=5").RequiresExactMatch("c") == std::nullopt);
  CHECK(MustParse("a=1,b in (2),c in (3,4),d!=5").RequiresExactMatch("d") == std::nullopt);
  CHECK(MustParse("a==1").RequiresExactMatch("a") == "1");
  CHECK(MustParse("a=1").RequiresExactMatch("z") == std::nullopt);
}

}  // namespace
}  // namespace kube::selectors

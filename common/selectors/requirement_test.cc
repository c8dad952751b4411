#include "common/selectors/requirement.h"

#include <catch2/catch.hpp>
#include <map>
#include <string>

namespace kube::selectors {
namespace {

using LabelMap = std::map<std::string, std::string>;

TEST_CASE("Requirement::Create validates the values against the operator") {
  CHECK(Requirement::Create("x", Operator::kIn, {"b", "a", "b"})->values ==
        std::vector<std::string>{"a", "b"});
  CHECK(Requirement::Create("x", Operator::kExists, {}).ok());
  CHECK(Requirement::Create("x", Operator::kGreaterThan, {"-7"}).status().message() ==
        "values[0][x]: Invalid value: \"-7\": a valid label must be an empty string or "
        "consist of alphanumeric characters, '-', '_' or '.', and must start and end with an "
        "alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for "
        "validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')");

  CHECK(Requirement::Create("x", Operator::kIn, {}).status().message() ==
        "values: Invalid value: null: for 'in', 'notin' operators, values set can't be empty");
  CHECK(Requirement::Create("x", Operator::kNotIn, {}).status().code() ==
        absl::StatusCode::kInvalidArgument);
  CHECK(Requirement::Create("x", Operator::kExists, {"a"}).status().message() ==
        "values: Invalid value: [\"a\"]: values set must be empty for exists and does not exist");
  CHECK(Requirement::Create("x", Operator::kEquals, {"a", "b"}).status().message() ==
        "values: Invalid value: [\"a\",\"b\"]: exact-match compatibility requires one single "
        "value");
  CHECK(Requirement::Create("x", Operator::kLessThan, {"a"}).status().message() ==
        "values[0]: Invalid value: \"a\": for 'Gt', 'Lt' operators, the value must be an "
        "integer");
  CHECK(
      Requirement::Create("x", Operator::kLessThan, {"99999999999999999999"}).status().message() ==
      "values[0]: Invalid value: \"99999999999999999999\": for 'Gt', 'Lt' operators, the value "
      "must be an integer");
  // Several problems come back together, bracketed, as upstream's aggregate.
  CHECK(Requirement::Create("-x", Operator::kDoesNotExist, {"a"}).status().message() ==
        "[key: Invalid value: \"-x\": name part must consist of alphanumeric characters, '-', "
        "'_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or "
        "'my.name',  or '123-abc', regex used for validation is "
        "'([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]'), values: Invalid value: [\"a\"]: values "
        "set must be empty for exists and does not exist]");
}

TEST_CASE("Requirement::Matches follows upstream for every operator") {
  struct Case {
    Requirement requirement;
    LabelMap labels;
    bool matches;
  };
  const Case cases[] = {
      {{"x", Operator::kEquals, {"a"}}, {{"x", "a"}}, true},
      {{"x", Operator::kEquals, {"a"}}, {{"x", "b"}}, false},
      {{"x", Operator::kEquals, {"a"}}, {}, false},
      {{"x", Operator::kEquals, {""}}, {{"x", ""}}, true},
      {{"x", Operator::kEquals, {""}}, {}, false},
      {{"x", Operator::kDoubleEquals, {"a"}}, {{"x", "a"}}, true},
      {{"x", Operator::kNotEquals, {"a"}}, {{"x", "a"}}, false},
      {{"x", Operator::kNotEquals, {"a"}}, {{"x", "b"}}, true},
      {{"x", Operator::kNotEquals, {"a"}}, {}, true},
      {{"x", Operator::kIn, {"a", "b"}}, {{"x", "b"}}, true},
      {{"x", Operator::kIn, {"a", "b"}}, {{"x", "c"}}, false},
      {{"x", Operator::kIn, {"a", "b"}}, {}, false},
      {{"x", Operator::kNotIn, {"a", "b"}}, {{"x", "b"}}, false},
      {{"x", Operator::kNotIn, {"a", "b"}}, {{"x", "c"}}, true},
      {{"x", Operator::kNotIn, {"a", "b"}}, {}, true},
      {{"x", Operator::kExists, {}}, {{"x", ""}}, true},
      {{"x", Operator::kExists, {}}, {{"y", "x"}}, false},
      {{"x", Operator::kDoesNotExist, {}}, {{"x", ""}}, false},
      {{"x", Operator::kDoesNotExist, {}}, {{"y", "x"}}, true},
      {{"x", Operator::kGreaterThan, {"1"}}, {{"x", "2"}}, true},
      {{"x", Operator::kGreaterThan, {"1"}}, {{"x", "1"}}, false},
      {{"x", Operator::kGreaterThan, {"1"}}, {{"x", "10"}}, true},
      {{"x", Operator::kGreaterThan, {"1"}}, {{"x", "+5"}}, true},
      {{"x", Operator::kGreaterThan, {"1"}}, {{"x", "a"}}, false},
      {{"x", Operator::kGreaterThan, {"1"}}, {{"x", ""}}, false},
      {{"x", Operator::kGreaterThan, {"1"}}, {}, false},
      {{"x", Operator::kLessThan, {"1"}}, {{"x", "0"}}, true},
      {{"x", Operator::kLessThan, {"1"}}, {{"x", "-3"}}, true},
      {{"x", Operator::kLessThan, {"1"}}, {{"x", "1"}}, false},
      {{"x", Operator::kLessThan, {"1"}}, {{"x", "1.5"}}, false},
      {{"x", Operator::kLessThan, {"1"}}, {}, false},
  };
  for (const Case& c : cases) {
    INFO(c.requirement.ToString());
    CHECK(c.requirement.Matches(c.labels) == c.matches);
  }
}

TEST_CASE("Requirement::ToString spells each operator as upstream") {
  CHECK(Requirement{"x", Operator::kEquals, {"a"}}.ToString() == "x=a");
  CHECK(Requirement{"x", Operator::kDoubleEquals, {"a"}}.ToString() == "x==a");
  CHECK(Requirement{"x", Operator::kNotEquals, {"a"}}.ToString() == "x!=a");
  CHECK(Requirement{"x", Operator::kIn, {"b", "a"}}.ToString() == "x in (a,b)");
  CHECK(Requirement{"x", Operator::kNotIn, {"a"}}.ToString() == "x notin (a)");
  CHECK(Requirement{"x", Operator::kIn, {""}}.ToString() == "x in ()");
  CHECK(Requirement{"x", Operator::kExists, {}}.ToString() == "x");
  CHECK(Requirement{"x", Operator::kDoesNotExist, {}}.ToString() == "!x");
  CHECK(Requirement{"x", Operator::kGreaterThan, {"5"}}.ToString() == "x>5");
  CHECK(Requirement{"x", Operator::kLessThan, {"5"}}.ToString() == "x<5");
}

}  // namespace
}  // namespace kube::selectors

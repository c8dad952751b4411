#include "apiserver/authorization/rbac/covers.h"

#include <catch2/catch.hpp>

#include "apiserver/authorization/rbac/go_quote.h"
#include "apiserver/authorization/rbac/rbac_test_util.h"

namespace kube::apiserver::rbac {
namespace {

using testing::MakeRule;
using testing::MakeUser;

TEST_CASE("BreakdownRule splits into single tuples", "[rbac][covers]") {
  const Rules pieces = BreakdownRule(MakeRule("get,list", "", "pods,secrets"));
  REQUIRE(pieces.size() == 4);
  CHECK(CompactString(pieces[0]) == "{APIGroups:[\"\"], Resources:[\"pods\"], Verbs:[\"get\"]}");
  CHECK(CompactString(pieces[3]) ==
        "{APIGroups:[\"\"], Resources:[\"secrets\"], Verbs:[\"list\"]}");
  CHECK(BreakdownRule(MakeRule("get", "", "secrets", "", "a,b")).size() == 2);
  const Rules urls = BreakdownRule(MakeRule("get,post", "", "", "/a,/b"));
  REQUIRE(urls.size() == 4);
  CHECK(CompactString(urls[1]) == "{NonResourceURLs:[\"/a\"], Verbs:[\"post\"]}");
}

// After upstream's policy_comparator_test.go.
TEST_CASE("Covers compares owner rules with requested ones", "[rbac][covers]") {
  SECTION("stars cover everything of their kind") {
    CHECK(Covers({MakeRule("*", "*", "*")}, {MakeRule("*", "*", "*")}));
    CHECK(Covers({MakeRule("*", "v1", "builds")}, {MakeRule("create,delete,get", "v1", "builds")}));
    CHECK(Covers({MakeRule("get", "*", "builds")}, {MakeRule("get", "v1,apps", "builds")}));
    CHECK(Covers({MakeRule("get", "v1", "*")}, {MakeRule("get", "v1", "builds,pods")}));
    // "*" as a requested verb is a verb like any other: only "*" covers it.
    CHECK_FALSE(Covers({MakeRule("get,list", "v1", "builds")}, {MakeRule("*", "v1", "builds")}));
  }
  SECTION("exact matches") {
    CHECK(Covers({MakeRule("delete,get", "v1", "builds")}, {MakeRule("delete,get", "v1", "builds")}));
    CHECK(Covers({MakeRule("get", "v1", "builds"), MakeRule("delete", "v1", "builds")},
                 {MakeRule("delete,get", "v1", "builds")}));
    const Rules missing =
        UncoveredRules({MakeRule("get", "v1", "builds")}, {MakeRule("get,delete", "v1", "builds")});
    REQUIRE(missing.size() == 1);
    CHECK(CompactString(missing[0]) ==
          "{APIGroups:[\"v1\"], Resources:[\"builds\"], Verbs:[\"delete\"]}");
  }
  SECTION("empty owner fields cover nothing") {
    CHECK_FALSE(Covers({MakeRule("", "v1", "builds")}, {MakeRule("get", "v1", "builds")}));
    CHECK_FALSE(Covers({MakeRule("get", "v1", "")}, {MakeRule("get", "v1", "builds")}));
    CHECK(Covers({}, {}));
    CHECK_FALSE(Covers({}, {MakeRule("get", "v1", "builds")}));
  }
  SECTION("subresources") {
    CHECK(Covers({MakeRule("get", "apps", "*/scale")}, {MakeRule("get", "apps", "deployments/scale")}));
    CHECK_FALSE(Covers({MakeRule("get", "apps", "*/scale")}, {MakeRule("get", "apps", "deployments")}));
    CHECK_FALSE(Covers({MakeRule("get", "", "pods")}, {MakeRule("get", "", "pods/log")}));
  }
  SECTION("resource names") {
    CHECK(Covers({MakeRule("get", "", "secrets", "", "foo,bar")},
                 {MakeRule("get", "", "secrets", "", "foo")}));
    CHECK(Covers({MakeRule("get", "", "secrets")}, {MakeRule("get", "", "secrets", "", "foo")}));
    // Names never cover all names.
    CHECK_FALSE(Covers({MakeRule("get", "", "secrets", "", "foo")}, {MakeRule("get", "", "secrets")}));
    const Rules missing = UncoveredRules({MakeRule("get", "", "secrets", "", "foo")},
                                         {MakeRule("get", "", "secrets", "", "foo,bar")});
    REQUIRE(missing.size() == 1);
    CHECK(CompactString(missing[0]) ==
          "{APIGroups:[\"\"], Resources:[\"secrets\"], ResourceNames:[\"bar\"], Verbs:[\"get\"]}");
  }
  SECTION("non-resource URLs") {
    CHECK(Covers({MakeRule("get", "", "", "/api/*")}, {MakeRule("get", "", "", "/api/v1,/api/")}));
    CHECK_FALSE(Covers({MakeRule("get", "", "", "/api/*")}, {MakeRule("get", "", "", "/api")}));
    CHECK(Covers({MakeRule("*", "", "", "*")}, {MakeRule("get,post", "", "", "/anything")}));
    CHECK_FALSE(Covers({MakeRule("get", "", "", "/healthz")}, {MakeRule("post", "", "", "/healthz")}));
    // A resource rule never covers URLs.
    CHECK_FALSE(Covers({MakeRule("*", "*", "*")}, {MakeRule("get", "", "", "/healthz")}));
  }
}

TEST_CASE("CompactRules merges verbs of one group and resource", "[rbac][covers]") {
  const Rules compacted = CompactRules(
      {MakeRule("get", "", "pods"), MakeRule("delete", "", "pods"), MakeRule("get", "apps", "pods"),
       MakeRule("get", "", "secrets", "", "a"), MakeRule("get", "", "", "/x")});
  REQUIRE(compacted.size() == 4);
  // The rules that are not simple come first, then one per group and resource.
  CHECK(CompactString(compacted[0]) ==
        "{APIGroups:[\"\"], Resources:[\"secrets\"], ResourceNames:[\"a\"], Verbs:[\"get\"]}");
  CHECK(CompactString(compacted[1]) == "{NonResourceURLs:[\"/x\"], Verbs:[\"get\"]}");
  CHECK(CompactString(compacted[2]) ==
        "{APIGroups:[\"\"], Resources:[\"pods\"], Verbs:[\"get\" \"delete\"]}");
  CHECK(CompactString(compacted[3]) ==
        "{APIGroups:[\"apps\"], Resources:[\"pods\"], Verbs:[\"get\"]}");
}

TEST_CASE("The escalation error reads as upstream's", "[rbac][covers]") {
  const auth::UserInfo user = MakeUser("u", "g1,system:authenticated");
  const absl::Status status = ConfirmNoEscalation(user, {MakeRule("get,list", "", "pods")},
                                                  {MakeRule("get,delete", "", "pods")});
  CHECK(absl::IsPermissionDenied(status));
  CHECK(status.message() ==
        "user \"u\" (groups=[\"g1\" \"system:authenticated\"]) is attempting to grant RBAC "
        "permissions not currently held:\n{APIGroups:[\"\"], Resources:[\"pods\"], "
        "Verbs:[\"delete\"]}");

  CHECK(ConfirmNoEscalation(user, {MakeRule("*", "*", "*")}, {MakeRule("get", "", "pods")}).ok());

  // Several missing rules: compacted, sorted, one per line.
  const std::string message = EscalationMessage(
      MakeUser("job-writer"),
      UncoveredRules({}, {MakeRule("get,list", "batch", "jobs"), MakeRule("get", "", "", "/metrics"),
                          MakeRule("get", "", "configmaps", "", "cm1")}));
  CHECK(message ==
        "user \"job-writer\" (groups=[]) is attempting to grant RBAC permissions not currently "
        "held:\n"
        "{APIGroups:[\"\"], Resources:[\"configmaps\"], ResourceNames:[\"cm1\"], Verbs:[\"get\"]}\n"
        "{APIGroups:[\"batch\"], Resources:[\"jobs\"], Verbs:[\"get\" \"list\"]}\n"
        "{NonResourceURLs:[\"/metrics\"], Verbs:[\"get\"]}");
}

TEST_CASE("GoQuote escapes as Go's %q", "[rbac][covers]") {
  CHECK(GoQuote("plain") == "\"plain\"");
  CHECK(GoQuote("a\"b\\c") == "\"a\\\"b\\\\c\"");
  CHECK(GoQuote("tab\there\n") == "\"tab\\there\\n\"");
  CHECK(GoQuote(std::string("\x01", 1)) == "\"\\x01\"");
  CHECK(GoQuote("caf\xc3\xa9") == "\"caf\xc3\xa9\"");
  CHECK(GoQuote("\xff") == "\"\\xff\"");
  CHECK(GoQuoteList(std::vector<std::string>{}) == "[]");
  CHECK(GoQuoteList(std::vector<std::string>{"a", ""}) == "[\"a\" \"\"]");
}

}  // namespace
}  // namespace kube::apiserver::rbac

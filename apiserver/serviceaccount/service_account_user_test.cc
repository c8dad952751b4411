#include "apiserver/serviceaccount/service_account_user.h"

#include <catch2/catch.hpp>

namespace kube::serviceaccount {
namespace {

TEST_CASE("service-account user names split back into namespace and name", "[serviceaccount]") {
  CHECK(MakeUsername("kube-system", "coredns") == "system:serviceaccount:kube-system:coredns");
  CHECK(SplitUsername("system:serviceaccount:kube-system:coredns") ==
        std::make_pair(std::string("kube-system"), std::string("coredns")));
  CHECK(SplitUsername("system:serviceaccount:ns:a.b-c") ==
        std::make_pair(std::string("ns"), std::string("a.b-c")));
  CHECK_FALSE(SplitUsername("system:node:a").has_value());
  CHECK_FALSE(SplitUsername("system:serviceaccount:ns").has_value());
  CHECK_FALSE(SplitUsername("system:serviceaccount:ns:a:b").has_value());
  CHECK_FALSE(SplitUsername("system:serviceaccount:Bad_NS:a").has_value());
  CHECK_FALSE(SplitUsername("system:serviceaccount:ns:").has_value());
}

TEST_CASE("service-account users carry upstream's groups and extras", "[serviceaccount]") {
  ServiceAccountInfo info;
  info.namespace_name = "ns";
  info.name = "bot";
  info.uid = "u";
  auth::UserInfo plain = info.ToUserInfo();
  CHECK(plain.name == "system:serviceaccount:ns:bot");
  CHECK(plain.uid == "u");
  CHECK(plain.groups == std::vector<std::string>{"system:serviceaccounts", "system:serviceaccounts:ns"});
  CHECK(plain.extra.empty());

  info.pod_name = "p";  // without its uid the pod is not reported
  info.node_name = "n";
  info.credential_id = CredentialIdForJti("j");
  auth::UserInfo bound = info.ToUserInfo();
  CHECK(bound.extra == std::map<std::string, std::vector<std::string>>{
                           {"authentication.kubernetes.io/credential-id", {"JTI=j"}},
                           {"authentication.kubernetes.io/node-name", {"n"}}});
  CHECK(CredentialIdForJti("").empty());
}

}  // namespace
}  // namespace kube::serviceaccount

// The serviceaccount loop against the in-memory FakeTransport: "default" appears
// in every active namespace, comes back after deletion, and is never created in
// a terminating namespace.

#include "controller-manager/serviceaccount/serviceaccounts_controller.h"

#include <catch2/catch.hpp>

#include "absl/time/clock.h"
#include "controller-manager/controller/testing/loop_harness.h"

namespace kube::kcm::serviceaccount {
namespace {

using k8s::core::v1::Namespace;
using k8s::core::v1::ServiceAccount;
using testing::LoopHarness;

Namespace MakeNamespace(const std::string& name, bool terminating = false) {
  Namespace ns;
  ns.mutable_metadata()->set_name(name);
  ns.mutable_status()->set_phase(terminating ? "Terminating" : "Active");
  if (terminating) {
    ns.mutable_metadata()->mutable_deletiontimestamp()->set_seconds(absl::ToUnixSeconds(absl::Now()));
  }
  return ns;
}

class AccountsHarness {
 public:
  AccountsHarness() {
    harness_.Run(std::make_unique<ServiceAccountsController>(harness_.context()));
  }

  const client::Client& client() const { return harness_.client(); }

  void CreateNamespace(const std::string& name, bool terminating = false) {
    REQUIRE(client().Create(MakeNamespace(name, terminating)).ok());
  }
  // The uid of NS/default, or "" when there is none.
  std::string DefaultUid(const std::string& ns) {
    auto account = client().Get<ServiceAccount>(ns, "default");
    if (absl::IsNotFound(account.status())) return "";
    REQUIRE(account.ok());
    return (*account)->metadata().uid();
  }
  bool WaitForDefault(const std::string& ns, const std::string& not_uid = "") {
    return LoopHarness::Eventually([&] {
      std::string uid = DefaultUid(ns);
      return !uid.empty() && uid != not_uid;
    });
  }
  // Waits until the loop's namespace cache sees `ns` terminating, so that what the
  // test does next is judged against that.
  bool WaitForCachedTerminating(const std::string& ns) {
    client::Lister<Namespace> cached = harness_.context().informers.For<Namespace>().lister();
    return LoopHarness::Eventually([&] {
      std::shared_ptr<const Namespace> object = cached.Get("", ns);
      return object != nullptr && object->status().phase() == "Terminating";
    });
  }
  // Makes a namespace and waits for its account: every event queued before it has
  // been handled by then (one worker, first in first out).
  void Barrier(const std::string& ns) {
    CreateNamespace(ns);
    REQUIRE(WaitForDefault(ns));
  }

 // Waits until the loop has nothing left to do (see LoopHarness::WaitUntilIdle).
  bool WaitUntilIdle() { return harness_.WaitUntilIdle(); }

 private:
  LoopHarness harness_;
};

}  // namespace

TEST_CASE("serviceaccount: every active namespace gets default", "[serviceaccount]") {
  AccountsHarness harness;
  harness.CreateNamespace("alpha");
  harness.CreateNamespace("beta");
  CHECK(harness.WaitForDefault("alpha"));
  CHECK(harness.WaitForDefault("beta"));
}

TEST_CASE("serviceaccount: namespaces that exist before the loop starts get default",
          "[serviceaccount]") {
  LoopHarness harness;
  REQUIRE(harness.client().Create(MakeNamespace("early")).ok());
  harness.Run(std::make_unique<ServiceAccountsController>(harness.context()));
  CHECK(LoopHarness::Eventually(
      [&] { return harness.client().Get<ServiceAccount>("early", "default").ok(); }));
}

TEST_CASE("serviceaccount: a deleted default is recreated", "[serviceaccount]") {
  AccountsHarness harness;
  harness.CreateNamespace("alpha");
  REQUIRE(harness.WaitForDefault("alpha"));
  const std::string first = harness.DefaultUid("alpha");
  REQUIRE(harness.client().Delete<ServiceAccount>("alpha", "default").ok());
  CHECK(harness.WaitForDefault("alpha", first));
}

TEST_CASE("serviceaccount: nothing is created in a terminating namespace", "[serviceaccount]") {
  AccountsHarness harness;
  harness.CreateNamespace("going", /*terminating=*/true);

  // One that starts terminating after it got its account, then loses it.
  harness.CreateNamespace("closing");
  REQUIRE(harness.WaitForDefault("closing"));
  auto closing = harness.client().Get<Namespace>("", "closing");
  REQUIRE(closing.ok());
  (*closing)->mutable_status()->set_phase("Terminating");
  (*closing)->mutable_metadata()->mutable_deletiontimestamp()->set_seconds(
      absl::ToUnixSeconds(absl::Now()));
  REQUIRE(harness.client().Update(**closing).ok());
  REQUIRE(harness.WaitForCachedTerminating("closing"));
  REQUIRE(harness.client().Delete<ServiceAccount>("closing", "default").ok());

  harness.Barrier("later");
  REQUIRE(harness.WaitUntilIdle());
  CHECK(harness.DefaultUid("going").empty());
  CHECK(harness.DefaultUid("closing").empty());
}

TEST_CASE("serviceaccount: an existing default is left as it is", "[serviceaccount]") {
  LoopHarness harness;
  REQUIRE(harness.client().Create(MakeNamespace("kept")).ok());
  ServiceAccount mine;
  mine.mutable_metadata()->set_name("default");
  mine.mutable_metadata()->set_namespace_("kept");
  mine.set_automountserviceaccounttoken(false);
  auto created = harness.client().Create(mine);
  REQUIRE(created.ok());
  harness.Run(std::make_unique<ServiceAccountsController>(harness.context()));
  REQUIRE(harness.client().Create(MakeNamespace("after")).ok());
  REQUIRE(LoopHarness::Eventually(
      [&] { return harness.client().Get<ServiceAccount>("after", "default").ok(); }));
  auto kept = harness.client().Get<ServiceAccount>("kept", "default");
  REQUIRE(kept.ok());
  CHECK((*kept)->metadata().resourceversion() == (*created)->metadata().resourceversion());
}

}  // namespace kube::kcm::serviceaccount

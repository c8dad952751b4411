#include "apiserver/registry/core/namespace_strategy.h"

#include "apiserver/generic/store.h"
#include "apiserver/registry/core/core_test_util.h"
#include "apiserver/registry/core/register_core.h"
#include "apiserver/registry/core/storage_test_util.h"

namespace kube::apiserver::core {
namespace {

using k8s::core::v1::Namespace;
using testing::Parse;

TEST_CASE("namespaces: label, phase Active and the kubernetes finalizer on create") {
  NamespaceStrategy strategy;
  Namespace ns = Parse<Namespace>(R"(metadata { name: "team" } spec { finalizers: "example.com/x" } status { phase: "Terminating" })");
  strategy.Default(ns);
  strategy.PrepareForCreate(ns);
  CHECK(ns.metadata().labels().at("kubernetes.io/metadata.name") == "team");
  CHECK(ns.status().phase() == "Active");
  REQUIRE(ns.spec().finalizers_size() == 2);
  CHECK(ns.spec().finalizers(1) == "kubernetes");
  CHECK(strategy.Validate(ns).empty());
  CHECK(strategy.name_rule() == NameRule::kDnsLabel);
}

TEST_CASE("namespace finalizers and status rules") {
  NamespaceStrategy strategy;
  Namespace ns = Parse<Namespace>(R"(spec { finalizers: "custom" })");
  CHECK_ERROR(strategy.Validate(ns),
              "spec.finalizers: Invalid value: \"custom\": name is neither a standard finalizer name nor is it fully qualified");
  Namespace old = Parse<Namespace>(R"(spec { finalizers: "kubernetes" } status { phase: "Active" })");
  Namespace update = Parse<Namespace>(R"(spec { } status { phase: "Terminating" })");
  strategy.PrepareForUpdate(update, old);
  CHECK(update.spec().finalizers_size() == 1);
  CHECK(update.status().phase() == "Active");
  Namespace terminating = Parse<Namespace>(R"(status { phase: "Terminating" })");
  CHECK_ERROR(strategy.ValidateStatusUpdate(terminating, old),
              "status.Phase: Invalid value: \"Terminating\": may only be 'Active' if `deletionTimestamp` is empty");
  CHECK(strategy.SelectableField(old, "status.phase") == "Active");
}

TEST_CASE("deleting a namespace waits for its spec finalizers") {
  testing::TempStorage storage;
  ResourceRegistry registry;
  RegistryConfig config;
  config.storage = &storage.get();
  RegisterCoreResources(registry, config);
  const ResourceInfo* info = registry.Find("", "v1", "namespaces");
  REQUIRE(info != nullptr);
  Store store(storage.get(), *info, nullptr);
  REQUIRE(store.Create("", std::make_unique<Namespace>(Parse<Namespace>(R"(metadata { name: "team" })")), {}).ok());

  auto deleted = store.Delete("", "team", {}, {});
  REQUIRE(deleted.ok());
  CHECK_FALSE(deleted->deleted);
  auto marked = store.Get("", "team");
  REQUIRE(marked.ok());
  const auto& ns = static_cast<const Namespace&>(**marked);
  CHECK(ns.metadata().has_deletiontimestamp());
  CHECK(ns.status().phase() == "Terminating");

  // A main-resource update cannot drop spec.finalizers (only /finalize may), so
  // the namespace stays until the namespace controller finalizes it.
  auto update = store.Update("", "team", [](const google::protobuf::Message& current) -> absl::StatusOr<ObjectPtr> {
    auto copy = std::make_unique<Namespace>(static_cast<const Namespace&>(current));
    copy->mutable_metadata()->clear_resourceversion();
    copy->mutable_spec()->clear_finalizers();
    return ObjectPtr(std::move(copy));
  }, UpdateMode::kMain, {});
  REQUIRE(update.ok());
  CHECK(static_cast<const Namespace&>(**update).spec().finalizers_size() == 1);
  CHECK(store.Get("", "team").ok());
}

TEST_CASE("the finalize helpers change only spec.finalizers") {
  Namespace old = Parse<Namespace>(R"(metadata { name: "team" resourceVersion: "5" } spec { finalizers: "kubernetes" } status { phase: "Terminating" })");
  Namespace request = Parse<Namespace>(R"(metadata { name: "team" resourceVersion: "5" labels { key: "a" value: "b" } } status { phase: "Active" })");
  PrepareNamespaceForFinalize(request, old);
  CHECK(request.spec().finalizers().empty());
  CHECK(request.metadata().labels().empty());
  CHECK(request.status().phase() == "Terminating");
  request.mutable_spec()->add_finalizers("Bad Name");
  CHECK_ERROR_PREFIX(ValidateNamespaceFinalize(request), "spec.finalizers[0]: Invalid value: \"Bad Name\"");
}

}  // namespace
}  // namespace kube::apiserver::core

#include "common/patch/schema.h"

#include <catch2/catch.hpp>

#include "k8s/apps/v1/apps.pb.h"
#include "k8s/core/v1/core.pb.h"

namespace kube::patch::internal {
namespace {

TEST_CASE("LookupField reads merge keys, strategies and inline members", "[patch][schema]") {
  const ValueType pod_spec = LookupField(RootType(k8s::core::v1::Pod::descriptor()), "spec").value;
  REQUIRE(pod_spec.IsMessage());

  const FieldType containers = LookupField(pod_spec, "containers");
  CHECK(containers.list);
  CHECK(containers.merge);
  CHECK(containers.merge_key == "name");
  CHECK(KindOf(containers) == ListKind::kAssociative);
  CHECK(containers.always_present);  // no omitempty upstream

  const FieldType volumes = LookupField(pod_spec, "volumes");
  CHECK(volumes.retain_keys);
  // A volume's source members sit in the volume's own object.
  const FieldType empty_dir = LookupField(volumes.value, "emptyDir");
  CHECK(empty_dir.known);
  CHECK(empty_dir.value.IsMessage());

  const FieldType tolerations = LookupField(pod_spec, "tolerations");
  CHECK(KindOf(tolerations) == ListKind::kAtomic);
  CHECK_FALSE(LookupField(pod_spec, "bogus").known);

  const ValueType pod = RootType(k8s::core::v1::Pod::descriptor());
  CHECK(LookupField(pod, "kind").known);
  const ValueType metadata = LookupField(pod, "metadata").value;
  CHECK(KindOf(LookupField(metadata, "finalizers")) == ListKind::kSet);
  const FieldType labels = LookupField(metadata, "labels");
  CHECK(labels.value.IsMap());
  CHECK(LookupField(labels.value, "anything").known);
  // Quantities and times are opaque.
  CHECK_FALSE(LookupField(metadata, "creationTimestamp").value.IsObject());

  const ValueType deployment_spec =
      LookupField(RootType(k8s::apps::v1::Deployment::descriptor()), "spec").value;
  CHECK(LookupField(deployment_spec, "strategy").retain_keys);
  CHECK(LookupField(deployment_spec, "strategy").always_present);
  CHECK_FALSE(LookupField(deployment_spec, "selector").always_present);  // a pointer
}

}  // namespace
}  // namespace kube::patch::internal

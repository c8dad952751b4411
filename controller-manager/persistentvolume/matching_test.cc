#include "controller-manager/persistentvolume/matching.h"

#include <catch2/catch.hpp>

namespace kube::kcm::persistentvolume {
namespace {

using k8s::core::v1::PersistentVolume;
using k8s::core::v1::PersistentVolumeClaim;

VolumePtr Volume(const std::string& name, const std::string& size,
                 std::vector<std::string> modes = {"ReadWriteOnce"}, const std::string& klass = "") {
  PersistentVolume volume;
  volume.mutable_metadata()->set_name(name);
  (*volume.mutable_spec()->mutable_capacity())["storage"].set_string(size);
  for (const auto& mode : modes) volume.mutable_spec()->add_accessmodes(mode);
  volume.mutable_spec()->set_storageclassname(klass);
  volume.mutable_status()->set_phase("Available");
  return std::make_shared<const PersistentVolume>(volume);
}

PersistentVolumeClaim Claim(const std::string& size, std::vector<std::string> modes = {"ReadWriteOnce"}) {
  PersistentVolumeClaim claim;
  claim.mutable_metadata()->set_name("data");
  claim.mutable_metadata()->set_namespace_("default");
  claim.mutable_metadata()->set_uid("claim-uid");
  (*claim.mutable_spec()->mutable_resources()->mutable_requests())["storage"].set_string(size);
  for (const auto& mode : modes) claim.mutable_spec()->add_accessmodes(mode);
  return claim;
}

}  // namespace

TEST_CASE("FindBestMatch picks the smallest volume that fits", "[pv]") {
  auto small = Volume("small", "1Gi");
  auto medium = Volume("medium", "5Gi");
  auto large = Volume("large", "10Gi");
  auto match = FindBestMatch(Claim("2Gi"), {large, small, medium});
  REQUIRE(match != nullptr);
  CHECK(match->metadata().name() == "medium");
  CHECK(FindBestMatch(Claim("20Gi"), {large, small, medium}) == nullptr);
}

TEST_CASE("FindBestMatch checks access modes, class, selector and claims", "[pv]") {
  auto rwx = Volume("rwx", "5Gi", {"ReadWriteOnce", "ReadWriteMany"});
  auto rwo = Volume("rwo", "1Gi");
  auto match = FindBestMatch(Claim("1Gi", {"ReadWriteMany"}), {rwo, rwx});
  REQUIRE(match != nullptr);
  CHECK(match->metadata().name() == "rwx");

  auto fast = Volume("fast", "1Gi", {"ReadWriteOnce"}, "fast");
  CHECK(FindBestMatch(Claim("1Gi"), {fast}) == nullptr);

  PersistentVolumeClaim labelled = Claim("1Gi");
  (*labelled.mutable_spec()->mutable_selector()->mutable_matchlabels())["tier"] = "db";
  CHECK(FindBestMatch(labelled, {rwo}) == nullptr);

  PersistentVolume taken = *Volume("taken", "1Gi");
  taken.mutable_spec()->mutable_claimref()->set_name("other");
  taken.mutable_spec()->mutable_claimref()->set_namespace_("default");
  CHECK(FindBestMatch(Claim("1Gi"), {std::make_shared<const PersistentVolume>(taken)}) == nullptr);

  // A volume reserved for this claim wins over a better fit.
  PersistentVolume reserved = *Volume("reserved", "10Gi");
  reserved.mutable_spec()->mutable_claimref()->set_name("data");
  reserved.mutable_spec()->mutable_claimref()->set_namespace_("default");
  match = FindBestMatch(Claim("1Gi"), {rwo, std::make_shared<const PersistentVolume>(reserved)});
  REQUIRE(match != nullptr);
  CHECK(match->metadata().name() == "reserved");
}

}  // namespace kube::kcm::persistentvolume

#include "controller-manager/deployment/template_hash.h"

#include <catch2/catch.hpp>

namespace kube::kcm::deployment {

TEST_CASE("TemplateHash is stable, label-blind to its own label, and changes with the template",
          "[deployment]") {
  k8s::core::v1::PodTemplateSpec pod_template;
  (*pod_template.mutable_metadata()->mutable_labels())["app"] = "web";
  (*pod_template.mutable_metadata()->mutable_labels())["tier"] = "front";
  auto* container = pod_template.mutable_spec()->add_containers();
  container->set_name("web");
  container->set_image("nginx:1.1");

  const std::string hash = TemplateHash(pod_template, 0);
  CHECK_FALSE(hash.empty());
  CHECK(hash.find_first_of("aeiou013") == std::string::npos);
  CHECK(TemplateHash(pod_template, 0) == hash);

  k8s::core::v1::PodTemplateSpec labelled = pod_template;
  (*labelled.mutable_metadata()->mutable_labels())[kPodTemplateHashLabel] = hash;
  CHECK(TemplateHash(labelled, 0) == hash);

  k8s::core::v1::PodTemplateSpec changed = pod_template;
  changed.mutable_spec()->mutable_containers(0)->set_image("nginx:1.2");
  CHECK(TemplateHash(changed, 0) != hash);
  CHECK(TemplateHash(pod_template, 1) != hash);
}

}  // namespace kube::kcm::deployment

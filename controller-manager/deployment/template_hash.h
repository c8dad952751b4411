#pragma once

#include <string>

#include "k8s/core/v1/core.pb.h"

namespace kube::kcm::deployment {

inline constexpr char kPodTemplateHashLabel[] = "pod-template-hash";
inline constexpr char kRevisionAnnotation[] = "deployment.kubernetes.io/revision";

// The pod-template-hash of a Deployment's template (with its collisionCount): a
// 32-bit FNV-1a over the template's deterministic protobuf encoding, spelled in
// upstream's alphabet of consonants and digits so it can never form a word. Equal
// templates give equal hashes, so `rollout undo` finds the old ReplicaSet again.
std::string TemplateHash(const k8s::core::v1::PodTemplateSpec& pod_template,
                         int32_t collision_count);

// The template without the pod-template-hash label, to compare a ReplicaSet's
// template with its Deployment's.
k8s::core::v1::PodTemplateSpec WithoutHashLabel(const k8s::core::v1::PodTemplateSpec& pod_template);

}  // namespace kube::kcm::deployment

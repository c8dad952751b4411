#pragma once

#include "k8s/core/v1/core.pb.h"

// Upstream's SetDefaults_* for pods and pod templates (pkg/apis/core/v1/defaults.go),
// applied on every write before validation.
namespace kube::apiserver::core {

// What every PodSpec gets, in a Pod or in a template: restartPolicy Always,
// dnsPolicy ClusterFirst, securityContext {}, terminationGracePeriodSeconds 30,
// schedulerName, and the container, probe and volume defaults.
void DefaultPodSpec(k8s::core::v1::PodSpec& spec);

// DefaultPodSpec plus what only a Pod object gets (SetDefaults_Pod): requests
// default to limits, enableServiceLinks true, host ports under hostNetwork.
void DefaultPod(k8s::core::v1::Pod& pod);

// imagePullPolicy for an image: Always for ":latest" or no tag and no digest,
// IfNotPresent otherwise.
std::string DefaultImagePullPolicy(std::string_view image);

// Volume and PV source defaults (secret/configMap modes, hostPath type, ...).
void DefaultVolumeSource(k8s::core::v1::VolumeSource& source);
void DefaultPersistentVolumeSource(k8s::core::v1::PersistentVolumeSource& source);
// volumeMode Filesystem.
void DefaultPersistentVolumeClaimSpec(k8s::core::v1::PersistentVolumeClaimSpec& spec);

}  // namespace kube::apiserver::core

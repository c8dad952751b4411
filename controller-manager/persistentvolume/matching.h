#pragma once

#include <memory>
#include <vector>

#include "k8s/core/v1/core.pb.h"

namespace kube::kcm::persistentvolume {

using VolumePtr = std::shared_ptr<const k8s::core::v1::PersistentVolume>;

// Whether `volume` can serve `claim`: the same storage class (none on either side
// matches none), the same volume mode (Filesystem by default), every access mode
// the claim asks for, at least the storage it requests, and the claim's selector
// matches the volume's labels.
bool Satisfies(const k8s::core::v1::PersistentVolume& volume,
               const k8s::core::v1::PersistentVolumeClaim& claim);

// The volume to bind `claim` to: one already reserved for it (claimRef naming it)
// if any, else the smallest free (no claimRef, not being deleted, phase Available
// or new) volume that satisfies it; nullptr when none does.
VolumePtr FindBestMatch(const k8s::core::v1::PersistentVolumeClaim& claim,
                        const std::vector<VolumePtr>& volumes);

}  // namespace kube::kcm::persistentvolume

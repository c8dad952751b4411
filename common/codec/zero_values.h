#pragma once

// Go's omitempty applied to a decoded message: a present-but-zero non-pointer field is
// the same as an absent one. Protobuf bodies from Go clients write every non-pointer
// field (kubectl sends generation: 0, empty strings and an empty creationTimestamp), so
// the apiserver calls this after decoding them.

#include "google/protobuf/message.h"

namespace kube::codec {

// Clears, recursively (through messages, lists of messages and map values), every
// present scalar field holding its zero value unless it is marked (k8s.pointer), and
// every JSON_TIME / JSON_MICRO_TIME message that is zero. Other messages stay present
// even when empty (a Go struct is never omitted), as do zero list elements and map values.
void ClearZeroValues(google::protobuf::Message& message);

}  // namespace kube::codec

#pragma once

// The fields of a message that are set (Reflection::ListFields), in declaration order,
// listed into a per-thread buffer (scratch_vector.h) so that walking a message tree
// allocates nothing once warm. Internal to the codec.

#include <vector>

#include "common/codec/message_info.h"
#include "common/codec/scratch_vector.h"
#include "google/protobuf/message.h"

namespace kube::codec::internal {

// Scoped, like ScratchVector.
class PresentFields {
 public:
  PresentFields(const google::protobuf::Message& message,
                const google::protobuf::Reflection& reflection, const MessageInfo& info);

  // Set singular fields and non-empty repeated ones; extensions are left out.
  const std::vector<const google::protobuf::FieldDescriptor*>& fields() const { return *fields_; }

 private:
  ScratchVector<const google::protobuf::FieldDescriptor*> fields_;
};

}  // namespace kube::codec::internal

#pragma once

#include <cstdint>
#include <iterator>
#include <string>

#include <google/protobuf/message.h>

#include "common/api/field_error.h"

namespace kube::apiserver {

// Appends `more` to `errors`.
inline void Append(api::FieldErrors& errors, api::FieldErrors more) {
  errors.insert(errors.end(), std::make_move_iterator(more.begin()),
                std::make_move_iterator(more.end()));
}

// Small checks shared by the workload validations, worded as upstream's
// apivalidation helpers.

// ValidateNonnegativeField: "must be greater than or equal to 0".
void CheckNonnegative(int64_t value, const std::string& field, api::FieldErrors& errors);

// Semantic equality of two messages, absent sub-messages included (a nil pointer
// and an empty struct differ, as in Go).
bool SameMessage(const google::protobuf::Message& a, const google::protobuf::Message& b);

// ValidateImmutableField for a value rendered as upstream prints it.
void CheckImmutable(bool unchanged, const std::string& field, std::string rendered_value,
                    api::FieldErrors& errors);

// IsDecremented for optional counters (collisionCount): dropping the value counts
// as a decrement too.
void CheckNotDecremented(bool has_new, int64_t new_value, bool has_old, int64_t old_value,
                         const std::string& field, api::FieldErrors& errors);

// A status counter that may not exceed status.replicas.
void CheckNotAbove(int64_t value, int64_t limit, const std::string& field,
                   const std::string& detail, api::FieldErrors& errors);

}  // namespace kube::apiserver

#include "apiserver/registry/apps/field_checks.h"

#include <google/protobuf/util/message_differencer.h>

#include "apiserver/registry/apps/go_format.h"

namespace kube::apiserver {

void CheckNonnegative(int64_t value, const std::string& field, api::FieldErrors& errors) {
  if (value < 0) {
    errors.push_back(api::InvalidNumber(field, value, "must be greater than or equal to 0"));
  }
}

bool SameMessage(const google::protobuf::Message& a, const google::protobuf::Message& b) {
  return google::protobuf::util::MessageDifferencer::Equals(a, b);
}

void CheckImmutable(bool unchanged, const std::string& field, std::string rendered_value,
                    api::FieldErrors& errors) {
  if (!unchanged) {
    errors.push_back(InvalidRendered(field, std::move(rendered_value), "field is immutable"));
  }
}

void CheckNotDecremented(bool has_new, int64_t new_value, bool has_old, int64_t old_value,
                         const std::string& field, api::FieldErrors& errors) {
  bool decremented = has_old && (!has_new || new_value < old_value);
  if (decremented) {
    errors.push_back(api::InvalidNumber(field, has_new ? new_value : 0, "cannot be decremented"));
  }
}

void CheckNotAbove(int64_t value, int64_t limit, const std::string& field,
                   const std::string& detail, api::FieldErrors& errors) {
  if (value > limit) errors.push_back(api::InvalidNumber(field, value, detail));
}

}  // namespace kube::apiserver

#pragma once

#include "apiserver/registry/strategy.h"

namespace kube::apiserver::events {

// What events.k8s.io/v1 asks of an Event beyond the core rules (upstream's
// ValidateEventCreate for requests newer than core/v1): a new-style event with
// eventTime, the reporting fields, a Normal or Warning type and a valid series, and
// none of the deprecated core fields. Paths name the internal (core) fields, as
// upstream's do. The core Event strategy still runs on the stored form.
class EventV1Strategy : public Strategy {
 public:
  api::FieldErrors Validate(const google::protobuf::Message& object) const override;
};

}  // namespace kube::apiserver::events

#pragma once

#include "apiserver/registry/strategy.h"

namespace kube::apiserver::core {

// core/v1 Events (upstream's legacy event validation): the event's namespace
// matches its involvedObject's, and events with an eventTime carry the reporting
// fields. Field selectors on involvedObject.*, reason, source, type and
// reportingComponent, as kubectl describe uses them.
class EventStrategy : public Strategy {
 public:
  api::FieldErrors Validate(const google::protobuf::Message& object) const override;
  bool allow_create_on_update() const override { return true; }
  std::optional<std::string> SelectableField(const google::protobuf::Message& object,
                                             std::string_view field) const override;
};

}  // namespace kube::apiserver::core

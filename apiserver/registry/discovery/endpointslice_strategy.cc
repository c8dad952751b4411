#include "apiserver/registry/discovery/endpointslice_strategy.h"

#include <google/protobuf/util/message_differencer.h>

#include "apiserver/registry/discovery/endpointslice_validation.h"
#include "k8s/discovery/v1/discovery.pb.h"

namespace kube::apiserver {
namespace {

using k8s::discovery::v1::EndpointSlice;

void DropDeprecatedTopology(EndpointSlice& slice) {
  for (auto& endpoint : *slice.mutable_endpoints()) endpoint.clear_deprecatedtopology();
}

bool SameEndpoints(const EndpointSlice& a, const EndpointSlice& b) {
  if (a.endpoints_size() != b.endpoints_size()) return false;
  for (int i = 0; i < a.endpoints_size(); ++i) {
    if (!google::protobuf::util::MessageDifferencer::Equals(a.endpoints(i), b.endpoints(i))) {
      return false;
    }
  }
  return true;
}

bool SameLabels(const k8s::meta::v1::ObjectMeta& a, const k8s::meta::v1::ObjectMeta& b) {
  if (a.labels_size() != b.labels_size()) return false;
  for (const auto& [key, value] : a.labels()) {
    auto found = b.labels().find(key);
    if (found == b.labels().end() || found->second != value) return false;
  }
  return true;
}

}  // namespace

void EndpointSliceStrategy::Default(google::protobuf::Message& object) const {
  for (auto& port : *static_cast<EndpointSlice&>(object).mutable_ports()) {
    if (!port.has_name()) port.set_name("");
    if (!port.has_protocol()) port.set_protocol("TCP");
  }
}

void EndpointSliceStrategy::PrepareForCreate(google::protobuf::Message& object) const {
  auto& slice = static_cast<EndpointSlice&>(object);
  slice.mutable_metadata()->set_generation(1);
  DropDeprecatedTopology(slice);
}

void EndpointSliceStrategy::PrepareForUpdate(google::protobuf::Message& object,
                                             const google::protobuf::Message& old) const {
  auto& slice = static_cast<EndpointSlice&>(object);
  if (!SameEndpoints(slice, static_cast<const EndpointSlice&>(old))) DropDeprecatedTopology(slice);
}

bool EndpointSliceStrategy::NewGeneration(const google::protobuf::Message& object,
                                          const google::protobuf::Message& old) const {
  EndpointSlice current = static_cast<const EndpointSlice&>(object);
  EndpointSlice previous = static_cast<const EndpointSlice&>(old);
  if (!SameLabels(current.metadata(), previous.metadata())) return true;
  current.clear_metadata();
  previous.clear_metadata();
  return !google::protobuf::util::MessageDifferencer::Equals(current, previous);
}

api::FieldErrors EndpointSliceStrategy::Validate(const google::protobuf::Message& object) const {
  return discovery::ValidateEndpointSlice(static_cast<const EndpointSlice&>(object));
}

api::FieldErrors EndpointSliceStrategy::ValidateUpdate(const google::protobuf::Message& object,
                                                       const google::protobuf::Message& old) const {
  const std::string& type = static_cast<const EndpointSlice&>(object).addresstype();
  api::FieldErrors errors;
  if (type != static_cast<const EndpointSlice&>(old).addresstype()) {
    errors.push_back(api::Invalid("addressType", type, "field is immutable"));
  }
  return errors;
}

}  // namespace kube::apiserver

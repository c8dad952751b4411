#include "common/client/event_sink.h"

#include "common/client/client.h"
#include "common/codec/json_encode.h"

namespace kube::client {
namespace {

class TransportEventSink final : public events::EventSink {
 public:
  explicit TransportEventSink(std::shared_ptr<Transport> transport)
      : client_(std::move(transport)) {}

  // events::EventSink
  absl::Status Create(const k8s::core::v1::Event& event) override {
    return client_.Create(event).status();
  }
  absl::Status Update(const k8s::core::v1::Event& event) override {
    return client_
        .Patch<k8s::core::v1::Event>(event.metadata().namespace_(), event.metadata().name(),
                                     kMergePatch, codec::EncodeJson(event))
        .status();
  }

 private:
  const Client client_;
};

}  // namespace

std::unique_ptr<events::EventSink> NewEventSink(std::shared_ptr<Transport> transport) {
  return std::make_unique<TransportEventSink>(std::move(transport));
}

}  // namespace kube::client

#pragma once

#include <memory>

#include "common/client/transport.h"
#include "common/events/event_recorder.h"

namespace kube::client {

// The EventSink a component gives its EventRecorder: Create is a POST of the
// Event; Update (a repeat with a higher count) a merge patch of it, which needs no
// resourceVersion, as client-go's recorder patches.
std::unique_ptr<events::EventSink> NewEventSink(std::shared_ptr<Transport> transport);

}  // namespace kube::client

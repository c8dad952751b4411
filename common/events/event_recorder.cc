#include "common/events/event_recorder.h"

#include "common/api/object.h"
#include "common/api/scheme.h"
#include "common/log/log.h"
#include "common/util/strings.h"

namespace kube::events {
namespace {

k8s::meta::v1::Time ToTime(absl::Time time) {
  k8s::meta::v1::Time result;
  result.set_seconds(absl::ToUnixSeconds(time));
  return result;
}

}  // namespace

k8s::core::v1::ObjectReference ReferenceTo(const google::protobuf::Message& object) {
  k8s::core::v1::ObjectReference reference;
  if (auto kind = api::Scheme::BuiltIn().KindOf(object.GetDescriptor())) {
    reference.set_kind(kind->kind);
    reference.set_apiversion(kind->ApiVersion());
  }
  if (const auto* meta = api::ObjectMetaOf(object)) {
    reference.set_name(meta->name());
    reference.set_namespace_(meta->namespace_());
    reference.set_uid(meta->uid());
    reference.set_resourceversion(meta->resourceversion());
  }
  return reference;
}

EventRecorder::EventRecorder(std::unique_ptr<EventSink> sink, EventSource source,
                             RecorderOptions options)
    : sink_(std::move(sink)),
      source_(std::move(source)),
      options_(options),
      writer_([this] { Run(); }) {}

EventRecorder::~EventRecorder() {
  Flush(absl::Seconds(5));
  {
    absl::MutexLock lock(&mu_);
    stopping_ = true;
  }
  writer_.join();
}

void EventRecorder::Record(const google::protobuf::Message& object, std::string_view type,
                           std::string_view reason, std::string_view message) {
  Record(ReferenceTo(object), type, reason, message);
}

void EventRecorder::Record(const k8s::core::v1::ObjectReference& object, std::string_view type,
                           std::string_view reason, std::string_view message) {
  absl::Time now = absl::Now();
  k8s::core::v1::Event event;
  // Cluster-scoped objects' events live in "default", as upstream.
  event.mutable_metadata()->set_namespace_(object.namespace_().empty() ? "default"
                                                                       : object.namespace_());
  *event.mutable_involvedobject() = object;
  event.set_type(std::string(type));
  event.set_reason(std::string(reason));
  event.set_message(std::string(message));
  event.mutable_source()->set_component(source_.component);
  if (!source_.host.empty()) event.mutable_source()->set_host(source_.host);
  event.set_reportingcomponent(source_.component);
  event.set_reportinginstance(source_.host);
  *event.mutable_firsttimestamp() = ToTime(now);
  *event.mutable_lasttimestamp() = ToTime(now);
  event.set_count(1);
  absl::MutexLock lock(&mu_);
  if (queue_.size() >= options_.max_queued) {
    ++dropped_;
    return;
  }
  queue_.push_back(std::move(event));
}

bool EventRecorder::Flush(absl::Duration timeout) {
  absl::MutexLock lock(&mu_);
  auto drained = [this]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
    return queue_.empty() && in_flight_ == 0;
  };
  return mu_.AwaitWithTimeout(absl::Condition(&drained), timeout);
}

size_t EventRecorder::dropped() {
  absl::MutexLock lock(&mu_);
  return dropped_;
}

std::string EventRecorder::AggregationKey(const k8s::core::v1::Event& event) const {
  const auto& object = event.involvedobject();
  return StrCat(object.kind(), "\x1f", object.namespace_(), "\x1f", object.name(), "\x1f",
                object.uid(), "\x1f", event.type(), "\x1f", event.reason(), "\x1f",
                event.message());
}

void EventRecorder::Write(k8s::core::v1::Event event) {
  absl::Time now = absl::FromUnixSeconds(event.lasttimestamp().seconds());
  std::string key = AggregationKey(event);
  auto it = remembered_.find(key);
  if (it != remembered_.end() && now - it->second.first < options_.aggregation_window) {
    Remembered& seen = it->second;
    event.mutable_metadata()->set_name(seen.name);
    event.set_count(seen.count + 1);
    *event.mutable_firsttimestamp() = ToTime(seen.first);
    absl::Status status = sink_->Update(event);
    if (status.ok()) {
      ++seen.count;
      seen.last_used = now;
      return;
    }
    // The event may have expired on the server: write it anew below.
    remembered_.erase(it);
    event.set_count(1);
    *event.mutable_firsttimestamp() = ToTime(now);
  }
  // Upstream names events <object>.<nanoseconds in hex>.
  event.mutable_metadata()->set_name(
      StrCat(event.involvedobject().name(), ".", absl::StrCat(absl::Hex(absl::ToUnixNanos(absl::Now())))));
  absl::Status status = sink_->Create(event);
  if (!status.ok()) {
    KLOG(Warning) << "could not record event " << event.reason() << " for "
                  << event.involvedobject().kind() << " " << event.involvedobject().name()
                  << ": " << status;
    return;
  }
  if (remembered_.size() >= options_.max_remembered) {
    auto oldest = remembered_.begin();
    for (auto candidate = remembered_.begin(); candidate != remembered_.end(); ++candidate) {
      if (candidate->second.last_used < oldest->second.last_used) oldest = candidate;
    }
    remembered_.erase(oldest);
  }
  remembered_[key] = Remembered{event.metadata().name(), 1, now, now};
}

void EventRecorder::Run() {
  while (true) {
    k8s::core::v1::Event event;
    {
      absl::MutexLock lock(&mu_);
      auto ready = [this]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
        return !queue_.empty() || stopping_;
      };
      mu_.Await(absl::Condition(&ready));
      if (queue_.empty()) return;  // stopping with nothing left
      event = std::move(queue_.front());
      queue_.pop_front();
      ++in_flight_;
    }
    Write(std::move(event));
    absl::MutexLock lock(&mu_);
    --in_flight_;
  }
}

}  // namespace kube::events

#include "common/client/reflector.h"

#include <algorithm>
#include <random>

#include "absl/time/clock.h"

#include "common/api/errors.h"
#include "common/api/object.h"
#include "common/client/watch_status.h"
#include "common/log/log.h"
#include "k8s/meta/v1/meta.pb.h"

namespace kube::client {
namespace {

// How long one wait for watch events lasts; bounds how long Stop() takes.
constexpr absl::Duration kWatchPoll = absl::Milliseconds(200);

// A watch closed cleanly sooner than this without an event counts as a failure.
constexpr absl::Duration kShortWatch = absl::Seconds(1);

double RandomFactor(double low, double high) {
  thread_local std::mt19937_64 generator{std::random_device{}()};
  return std::uniform_real_distribution<double>(low, high)(generator);
}

// Transport failures that leave the watched history intact: the server is away
// (restarting, overloaded) and will be asked again from the same resourceVersion.
bool IsServerAway(const absl::Status& status) {
  return status.code() == absl::StatusCode::kUnavailable ||
         status.code() == absl::StatusCode::kDeadlineExceeded ||
         status.code() == absl::StatusCode::kResourceExhausted;
}

}  // namespace

Reflector::Reflector(std::shared_ptr<Transport> transport, Resource resource,
                     InformerOptions options, ReflectorSink* sink)
    : transport_(std::move(transport)), resource_(std::move(resource)),
      options_(std::move(options)), sink_(sink) {}

void Reflector::Run() {
  absl::Duration backoff = options_.min_backoff;
  // Logs a failure and waits before the next attempt; false when stopped meanwhile.
  auto back_off = [&](const char* what, const absl::Status& status) {
    KLOG(Warning) << resource_.resource << " " << what << " failed (retrying in "
                  << absl::FormatDuration(backoff) << "): " << status;
    bool running = Sleep(backoff * RandomFactor(1.0, 1.5));
    backoff = std::min(backoff * 2, options_.max_backoff);
    return running;
  };
  enum class Next { kWatch, kRelist, kStop };
  // What to do after a watch ended with `watched`.
  auto after_watch = [&](const absl::Status& watched, bool progressed) {
    if (stopped()) return Next::kStop;
    if (progressed) backoff = options_.min_backoff;
    if (watched.ok()) return Next::kWatch;  // closed by the server: watch on from where we are
    if (IsResourceExpired(watched)) {
      VLOG(1) << resource_.resource << " watch expired, re-listing: " << watched;
      return Next::kRelist;
    }
    if (!back_off("watch", watched)) return Next::kStop;
    return IsServerAway(watched) ? Next::kWatch : Next::kRelist;  // else start over
  };
  while (!stopped()) {
    absl::Status watched = absl::OkStatus();
    bool progressed = false;
    bool streaming = watch_list_ && options_.watch_list;
    absl::Status listed = streaming ? WatchListAndReplace(&watched, &progressed) : ListAndReplace();
    if (stopped()) return;
    if (!listed.ok() && streaming) {
      // As client-go: making progress beats waiting for a WatchList that will not
      // come. A server that rejects the request never will serve one.
      int code = api::HttpCode(listed);
      if (code == 400 || code == 422 || code == 403 || code == 405) watch_list_ = false;
      KLOG(Warning) << resource_.resource << " watch list failed, listing instead: " << listed;
      streaming = false;
      listed = ListAndReplace();
      if (stopped()) return;
    }
    if (!listed.ok()) {
      if (!back_off("list", listed)) return;
      continue;
    }
    backoff = options_.min_backoff;
    Next next = streaming ? after_watch(watched, progressed) : Next::kWatch;
    while (next == Next::kWatch) {
      progressed = false;
      absl::Status status = WatchOnce(&progressed);
      next = after_watch(status, progressed);
    }
    if (next == Next::kStop) return;
  }
}

void Reflector::Stop() {
  stopped_.store(true, std::memory_order_release);
  absl::MutexLock lock(&mu_);
  stop_requested_ = true;
}

std::string Reflector::LastResourceVersion() const {
  absl::MutexLock lock(&mu_);
  return resource_version_;
}

bool Reflector::Sleep(absl::Duration duration) {
  absl::MutexLock lock(&mu_);
  mu_.AwaitWithTimeout(absl::Condition(&stop_requested_), duration);
  return !stop_requested_;
}

absl::Status Reflector::ListAndReplace() {
  ListOptions base;
  base.label_selector = options_.label_selector;
  base.field_selector = options_.field_selector;
  ListOptions page_options = base;
  page_options.limit = options_.page_size;
  std::vector<CachedObject> objects;
  std::string resource_version;
  while (true) {
    absl::StatusOr<ListResult> page = transport_->List(resource_, options_.ns, page_options);
    if (!page.ok()) {
      if (IsResourceExpired(page.status()) && !page_options.continue_token.empty()) {
        // The continue token outlived its snapshot: list everything at once.
        page_options = base;
        objects.clear();
        continue;
      }
      return page.status();
    }
    for (ObjectPtr& item : page->items) objects.emplace_back(std::move(item));
    resource_version = page->resource_version;
    if (page->continue_token.empty()) break;
    if (stopped()) return absl::CancelledError("stopped");
    page_options.continue_token = page->continue_token;
  }
  sink_->Replace(std::move(objects));
  absl::MutexLock lock(&mu_);
  resource_version_ = resource_version;
  return absl::OkStatus();
}

absl::Status Reflector::WatchListAndReplace(absl::Status* watched, bool* progressed) {
  ListOptions options;
  options.label_selector = options_.label_selector;
  options.field_selector = options_.field_selector;
  options.send_initial_events = true;
  options.resource_version_match = "NotOlderThan";  // "" as the version: a consistent read
  options.allow_watch_bookmarks = true;
  options.timeout_seconds = std::max<int64_t>(
      1, absl::ToInt64Seconds(options_.watch_timeout * RandomFactor(1.0, 2.0)));
  absl::Time start = absl::Now();
  absl::StatusOr<std::unique_ptr<WatchStream>> stream =
      transport_->Watch(resource_, options_.ns, options);
  if (!stream.ok()) return stream.status();
  std::vector<CachedObject> initial;
  while (!stopped()) {
    absl::StatusOr<std::vector<WatchEvent>> events = (*stream)->Next(kWatchPoll);
    if (!events.ok()) {
      if (!IsWatchClosed(events.status())) return events.status();
      return absl::UnavailableError("the watch ended before its initial events did");
    }
    for (size_t i = 0; i < events->size(); ++i) {
      WatchEvent& event = (*events)[i];
      if (event.object == nullptr) return absl::InternalError(event.type + " event without an object");
      if (event.type == "ADDED") {
        initial.emplace_back(std::move(event.object));
        continue;
      }
      if (event.type == "ERROR") return Apply(event);
      if (event.type != "BOOKMARK") {
        return absl::InternalError(event.type + " event among a watch list's initial events");
      }
      const k8s::meta::v1::ObjectMeta* meta = api::ObjectMetaOf(*event.object);
      auto end = meta->annotations().find("k8s.io/initial-events-end");
      if (end == meta->annotations().end() || end->second != "true") continue;
      sink_->Replace(std::move(initial));
      SetResourceVersion(*event.object);
      // The initial state is in; what follows on this stream is ordinary watching.
      *progressed = true;
      for (++i; i < events->size() && watched->ok(); ++i) *watched = Apply((*events)[i]);
      if (watched->ok()) *watched = Consume(**stream, start, progressed);
      return absl::OkStatus();
    }
  }
  return absl::CancelledError("stopped");
}

absl::Status Reflector::WatchOnce(bool* progressed) {
  ListOptions options;
  options.label_selector = options_.label_selector;
  options.field_selector = options_.field_selector;
  options.resource_version = LastResourceVersion();
  options.allow_watch_bookmarks = true;
  options.timeout_seconds = std::max<int64_t>(
      1, absl::ToInt64Seconds(options_.watch_timeout * RandomFactor(1.0, 2.0)));
  absl::Time start = absl::Now();
  absl::StatusOr<std::unique_ptr<WatchStream>> stream =
      transport_->Watch(resource_, options_.ns, options);
  if (!stream.ok()) return stream.status();
  return Consume(**stream, start, progressed);
}

absl::Status Reflector::Consume(WatchStream& stream, absl::Time start, bool* progressed) {
  while (!stopped()) {
    absl::StatusOr<std::vector<WatchEvent>> events = stream.Next(kWatchPoll);
    if (!events.ok()) {
      if (!IsWatchClosed(events.status())) return events.status();
      // A server that ends every watch at once must not make us spin (client-go too).
      if (!*progressed && absl::Now() - start < kShortWatch) {
        return absl::UnavailableError("very short watch: closed at once without events");
      }
      return absl::OkStatus();
    }
    for (WatchEvent& event : *events) {
      if (absl::Status status = Apply(event); !status.ok()) return status;
      *progressed = true;
    }
  }
  return absl::CancelledError("stopped");
}

absl::Status Reflector::Apply(WatchEvent& event) {
  if (event.object == nullptr) return absl::InternalError(event.type + " event without an object");
  if (event.type == "ERROR") {
    if (event.object->GetDescriptor() != k8s::meta::v1::Status::descriptor()) {
      return absl::InternalError("watch ERROR event without a Status");
    }
    absl::Status error =
        api::FromApiStatus(static_cast<const k8s::meta::v1::Status&>(*event.object));
    return error.ok() ? absl::UnknownError("watch ERROR event") : error;
  }
  CachedObject object(std::move(event.object));
  if (event.type == "ADDED" || event.type == "MODIFIED") {
    sink_->Upsert(object);
  } else if (event.type == "DELETED") {
    sink_->Delete(object);
  } else if (event.type != "BOOKMARK") {
    return absl::InternalError("unknown watch event type " + event.type);
  }
  SetResourceVersion(*object);
  return absl::OkStatus();
}

void Reflector::SetResourceVersion(const google::protobuf::Message& object) {
  const k8s::meta::v1::ObjectMeta* meta = api::ObjectMetaOf(object);
  if (meta == nullptr || meta->resourceversion().empty()) return;
  absl::MutexLock lock(&mu_);
  resource_version_ = meta->resourceversion();
}

}  // namespace kube::client

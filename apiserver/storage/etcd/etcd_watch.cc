#include "apiserver/storage/etcd/etcd_watch.h"

#include <utility>

#include "absl/time/clock.h"
#include "apiserver/storage/etcd/etcd_status.h"
#include "common/util/strings.h"

namespace kube::storage::etcd {

void WatchRegistry::Add(EtcdWatch* watch) {
  bool closed;
  {
    absl::MutexLock lock(&mu_);
    watches_.insert(watch);
    closed = closed_;
  }
  if (closed) watch->End(absl::CancelledError("etcd store closed"));
}

void WatchRegistry::Remove(EtcdWatch* watch) {
  absl::MutexLock lock(&mu_);
  watches_.erase(watch);
}

void WatchRegistry::Close() {
  // Under the lock: a watch being destroyed waits in Remove until this is done.
  absl::MutexLock lock(&mu_);
  closed_ = true;
  for (EtcdWatch* watch : watches_) watch->End(absl::CancelledError("etcd store closed"));
}

EtcdWatch::EtcdWatch(std::shared_ptr<const EtcdClient> client,
                     std::shared_ptr<WatchRegistry> registry,
                     std::shared_ptr<CompactedMark> compacted, KeySpace keys, WatchSpec spec)
    : client_(std::move(client)),
      registry_(std::move(registry)),
      compacted_(std::move(compacted)),
      keys_(std::move(keys)),
      spec_(std::move(spec)) {}

std::unique_ptr<EtcdWatch> EtcdWatch::Start(std::shared_ptr<const EtcdClient> client,
                                            std::shared_ptr<WatchRegistry> registry,
                                            std::shared_ptr<CompactedMark> compacted, KeySpace keys,
                                            WatchSpec spec) {
  std::unique_ptr<EtcdWatch> watch(new EtcdWatch(std::move(client), std::move(registry),
                                                 std::move(compacted), std::move(keys),
                                                 std::move(spec)));
  watch->registry_->Add(watch.get());
  watch->thread_ = std::thread([raw = watch.get()] { raw->Run(); });
  return watch;
}

EtcdWatch::~EtcdWatch() {
  registry_->Remove(this);
  End(absl::CancelledError("watch closed"));
  if (thread_.joinable()) thread_.join();
}

absl::StatusOr<std::vector<Event>> EtcdWatch::Next(absl::Duration timeout) {
  absl::MutexLock lock(&mu_);
  auto ready = [this]()
                   ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) { return !buffer_.empty() || !end_.ok(); };
  mu_.AwaitWithTimeout(absl::Condition(&ready), timeout);
  if (!buffer_.empty()) {
    std::vector<Event> events(std::make_move_iterator(buffer_.begin()),
                              std::make_move_iterator(buffer_.end()));
    buffer_.clear();
    return events;
  }
  if (!end_.ok()) return end_;
  return std::vector<Event>();
}

void EtcdWatch::End(absl::Status status) {
  absl::MutexLock lock(&mu_);
  if (end_.ok()) end_ = std::move(status);
  stopping_ = true;
  if (context_ != nullptr) context_->TryCancel();
}

bool EtcdWatch::Stopping() {
  absl::MutexLock lock(&mu_);
  return stopping_;
}

bool EtcdWatch::Deliver(std::vector<Event> events) {
  absl::MutexLock lock(&mu_);
  if (buffer_.size() + events.size() > spec_.buffer_events) {
    if (end_.ok()) {
      end_ = absl::ResourceExhaustedError(
          StrCat("watch fell more than ", spec_.buffer_events, " events behind"));
    }
    buffer_.clear();  // the caller must start over; what is here is incomplete anyway
    stopping_ = true;
    return false;
  }
  for (Event& event : events) buffer_.push_back(std::move(event));
  return true;
}

void EtcdWatch::Run() {
  const EtcdClientOptions& options = client_->options();
  Revision next = spec_.start_revision;
  Backoff backoff(options.initial_backoff, options.max_backoff);
  absl::Time give_up = absl::InfiniteFuture();  // set while no member serves us
  while (true) {
    const size_t index = client_->current();
    bool established = false;
    grpc::Status status = StreamFrom(index, &next, &established);
    if (Stopping()) return;
    if (established) {
      backoff.Reset(options.initial_backoff);
      give_up = absl::InfiniteFuture();
    }
    // A stream the server closed cleanly is as broken as a failed one.
    if (!status.ok() && Classify(status) != Failure::kTransient) {
      End(ToAbsl(status, "watch"));
      return;
    }
    client_->MarkFailed(index);
    if (give_up == absl::InfiniteFuture()) give_up = absl::Now() + options.retry_timeout;
    const absl::Duration pause = backoff.Next();
    if (absl::Now() + pause >= give_up) {
      End(absl::UnavailableError(StrCat("etcd watch: no member served the watch within ",
                                        absl::FormatDuration(options.retry_timeout),
                                        "; last error: ", status.error_message())));
      return;
    }
    absl::MutexLock lock(&mu_);
    mu_.AwaitWithTimeout(absl::Condition(&stopping_), pause);
    if (stopping_) return;
  }
}

grpc::Status EtcdWatch::StreamFrom(size_t index, Revision* next, bool* established) {
  auto context = std::make_shared<grpc::ClientContext>();
  // With a leader required, a member that loses its leader ends the stream (and
  // the watch resumes elsewhere) instead of going quiet.
  EtcdClient::Prepare(*context);
  {
    absl::MutexLock lock(&mu_);
    if (stopping_) return grpc::Status::OK;
    context_ = context;
  }
  auto stream = client_->endpoint(index).watch->Watch(context.get());
  etcdserverpb::WatchRequest request;
  etcdserverpb::WatchCreateRequest* create = request.mutable_create_request();
  create->set_key(spec_.range.begin);
  create->set_range_end(spec_.range.end);
  create->set_start_revision(*next);
  create->set_prev_kv(true);
  absl::Status ended;     // set when etcd ended the watch for good
  bool overflow = false;  // Deliver ended the watch
  if (stream->Write(request)) {
    etcdserverpb::WatchResponse response;
    while (ended.ok() && !overflow && stream->Read(&response)) {
      if (response.created()) *established = true;
      if (response.compact_revision() > 0) {
        // etcd compacted past *next: the events in between are gone.
        compacted_->Raise(response.compact_revision());
        ended = CompactedError(*next - 1, response.compact_revision());
      } else if (response.canceled()) {
        // Not a failure of ours to recover from: let the caller open a new watch.
        ended =
            absl::UnavailableError(StrCat("etcd cancelled the watch: ", response.cancel_reason()));
      } else if (response.events_size() > 0) {
        std::vector<Event> events;
        events.reserve(response.events_size());
        for (const mvccpb::Event& event : response.events()) {
          events.push_back(keys_.ToStore(event));
        }
        *next = response.events(response.events_size() - 1).kv().mod_revision() + 1;
        overflow = !Deliver(std::move(events));
      }
    }
  }
  if (!ended.ok() || overflow) {
    if (!ended.ok()) End(ended);
    context->TryCancel();
  }
  grpc::Status status = stream->Finish();
  absl::MutexLock lock(&mu_);
  context_ = nullptr;
  return status;
}

}  // namespace kube::storage::etcd

#include "apiserver/storage/etcd/etcd_client.h"

#include <algorithm>
#include <utility>

#include "absl/time/clock.h"
#include "apiserver/storage/etcd/etcd_status.h"
#include "common/util/strings.h"

namespace kube::storage::etcd {
namespace {

grpc::ChannelArguments ChannelArgs() {
  grpc::ChannelArguments args;
  // Lists can be large; etcd itself bounds requests, not responses.
  args.SetMaxReceiveMessageSize(-1);
  // Notice a member that vanished without closing its connections. etcd refuses
  // pings more often than every 5 s, and pings on idle connections.
  args.SetInt(GRPC_ARG_KEEPALIVE_TIME_MS, 10000);
  args.SetInt(GRPC_ARG_KEEPALIVE_TIMEOUT_MS, 5000);
  // A member that comes back is used again within seconds.
  args.SetInt(GRPC_ARG_INITIAL_RECONNECT_BACKOFF_MS, 100);
  args.SetInt(GRPC_ARG_MIN_RECONNECT_BACKOFF_MS, 100);
  args.SetInt(GRPC_ARG_MAX_RECONNECT_BACKOFF_MS, 2000);
  // Each client keeps its own connections, so two stores in one process are as
  // independent as two apiservers.
  args.SetInt(GRPC_ARG_USE_LOCAL_SUBCHANNEL_POOL, 1);
  return args;
}

}  // namespace

absl::Duration Backoff::Next() {
  absl::Duration now = next_;
  next_ = std::min(next_ * 2, max_);
  return now;
}

absl::StatusOr<std::string> TargetFromUrl(std::string_view url) {
  constexpr std::string_view kHttp = "http://";
  if (url.substr(0, kHttp.size()) == kHttp) {
    url.remove_prefix(kHttp.size());
  } else if (url.find("://") != std::string_view::npos) {
    return absl::InvalidArgumentError(
        StrCat("etcd endpoint ", url, ": only http:// endpoints are supported"));
  }
  while (!url.empty() && url.back() == '/') url.remove_suffix(1);
  if (url.empty() || url.find('/') != std::string_view::npos) {
    return absl::InvalidArgumentError(StrCat("etcd endpoint '", url, "' is not host:port"));
  }
  return std::string(url);
}

absl::StatusOr<std::shared_ptr<EtcdClient>> EtcdClient::Connect(const EtcdClientOptions& options) {
  if (options.endpoints.empty()) return absl::InvalidArgumentError("no etcd endpoints");
  std::shared_ptr<EtcdClient> client(new EtcdClient(options));
  for (const std::string& url : options.endpoints) {
    absl::StatusOr<std::string> target = TargetFromUrl(url);
    if (!target.ok()) return target.status();
    auto endpoint = std::make_unique<EtcdEndpoint>();
    endpoint->address = *target;
    endpoint->channel =
        grpc::CreateCustomChannel(*target, grpc::InsecureChannelCredentials(), ChannelArgs());
    endpoint->kv = etcdserverpb::KV::NewStub(endpoint->channel);
    endpoint->watch = etcdserverpb::Watch::NewStub(endpoint->channel);
    endpoint->lease = etcdserverpb::Lease::NewStub(endpoint->channel);
    endpoint->maintenance = etcdserverpb::Maintenance::NewStub(endpoint->channel);
    client->endpoints_.push_back(std::move(endpoint));
  }
  return client;
}

void EtcdClient::Prepare(grpc::ClientContext& context) { context.AddMetadata("hasleader", "true"); }

void EtcdClient::MarkFailed(size_t index) const {
  size_t expected = index;
  current_.compare_exchange_strong(expected, (index + 1) % endpoints_.size());
}

absl::Status EtcdClient::Call(std::string_view what, Attempt attempt, bool* maybe_applied) const {
  const absl::Time give_up = absl::Now() + options_.retry_timeout;
  Backoff backoff(options_.initial_backoff, options_.max_backoff);
  grpc::Status last;
  const EtcdEndpoint* last_endpoint = nullptr;
  int attempts = 0;
  absl::Duration attempt_timeout = options_.request_timeout;
  while (true) {
    const size_t index = current_.load();
    grpc::ClientContext context;
    Prepare(context);
    context.set_deadline(absl::ToChronoTime(std::min(absl::Now() + attempt_timeout, give_up)));
    ++attempts;
    last_endpoint = endpoints_[index].get();
    last = attempt(*last_endpoint, context);
    if (Classify(last) != Failure::kTransient) return ToAbsl(last, what);
    if (maybe_applied != nullptr && !NeverSent(last)) *maybe_applied = true;
    MarkFailed(index);
    attempt_timeout = attempts == 1 ? options_.failover_attempt_timeout
                                    : std::min(attempt_timeout * 2, options_.request_timeout);
    const absl::Duration pause = backoff.Next();
    if (absl::Now() + pause >= give_up) break;
    absl::SleepFor(pause);
  }
  return absl::UnavailableError(StrCat("etcd ", what, ": no member succeeded within ",
                                       absl::FormatDuration(options_.retry_timeout), " (", attempts,
                                       " attempts); last error from ", last_endpoint->address, ": ",
                                       last.error_message()));
}

}  // namespace kube::storage::etcd

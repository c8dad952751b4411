#include "cluster-dns/server/query_metrics.h"

#include "common/util/strings.h"

namespace kube::dns {
namespace {

const char* ProtoLabel(Transport transport) { return transport == Transport::kUdp ? "udp" : "tcp"; }

std::string TypeLabel(std::optional<RrType> type) {
  if (!type.has_value()) return "none";
  std::string name = TypeName(*type);
  return name.rfind("TYPE", 0) == 0 ? "other" : name;
}

}  // namespace

void QueryMetrics::CountAnswered(Transport transport, std::optional<RrType> type, Rcode rcode) {
  Key key{ProtoLabel(transport), TypeLabel(type), RcodeName(rcode)};
  absl::MutexLock lock(&mu_);
  ++answered_[key];
}

void QueryMetrics::CountDropped() {
  absl::MutexLock lock(&mu_);
  ++dropped_;
}

uint64_t QueryMetrics::Answered(Transport transport, const std::string& type, Rcode rcode) const {
  absl::MutexLock lock(&mu_);
  auto it = answered_.find(Key{ProtoLabel(transport), type, RcodeName(rcode)});
  return it == answered_.end() ? 0 : it->second;
}

std::string QueryMetrics::Render() const {
  absl::MutexLock lock(&mu_);
  std::string out =
      "# HELP cluster_dns_requests_total DNS queries answered, by transport, question type and "
      "response code.\n# TYPE cluster_dns_requests_total counter\n";
  for (const auto& [key, count] : answered_) {
    StrAppend(&out, "cluster_dns_requests_total{proto=\"", std::get<0>(key), "\",type=\"",
              std::get<1>(key), "\",rcode=\"", std::get<2>(key), "\"} ", count, "\n");
  }
  StrAppend(&out,
            "# HELP cluster_dns_dropped_total Packets dropped unanswered (shorter than a DNS "
            "header, or not a query).\n# TYPE cluster_dns_dropped_total counter\n"
            "cluster_dns_dropped_total ",
            dropped_, "\n");
  return out;
}

}  // namespace kube::dns

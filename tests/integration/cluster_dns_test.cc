// cluster-dns as a process: the real binary against a real kube-apiserver, on a
// free loopback port, queried with the real `dig` over UDP and TCP. Services and
// Endpoints are made through the API with kubectl; the answers follow them.

#include <algorithm>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "absl/time/clock.h"
#include "tests/integration/integration_helpers.h"
#include "tests/support/api_client.h"

namespace kube::testing {
namespace {

bool DigAvailable() { return RunCommand({"dig", "-v"}, "", absl::Seconds(10)).exit_code == 0; }

#define REQUIRE_DIG()                                                                  \
  if (!DigAvailable()) {                                                               \
    WARN("SKIPPED: dig (dnsutils) is not installed, so cluster-dns cannot be queried"); \
    return;                                                                            \
  }

// One cluster-dns process on 127.0.0.1, with its DNS and health ports.
class ClusterDnsProcess {
 public:
  explicit ClusterDnsProcess(const ApiServerProcess& api, std::vector<std::string> extra = {})
      : port_(FreePort()), health_port_(FreePort()), log_path_(dir_.path() + "/cluster-dns.log") {
    std::vector<std::string> argv = {BinDir() + "/cluster-dns", "--kubeconfig", api.kubeconfig(),
                                     "--bind-address=127.0.0.1", "--port=" + std::to_string(port_),
                                     "--health-port=" + std::to_string(health_port_), "-v", "2"};
    argv.insert(argv.end(), extra.begin(), extra.end());
    process_ = std::make_unique<Subprocess>(argv, log_path_);
  }

  // Waits until /readyz says the caches synced.
  bool WaitReady(absl::Duration timeout = absl::Seconds(30)) {
    ApiClient health = ApiClient::Plain(health_port_);
    const absl::Time deadline = absl::Now() + timeout;
    while (absl::Now() < deadline) {
      if (health.Get("/readyz").status == 200) return true;
      if (!process_->running()) return false;
      absl::SleepFor(absl::Milliseconds(100));
    }
    return false;
  }

  int port() const { return port_; }
  int health_port() const { return health_port_; }
  std::string log() const { return ReadFile(log_path_); }

 private:
  TempDir dir_;
  int port_;
  int health_port_;
  std::string log_path_;
  std::unique_ptr<Subprocess> process_;
};

struct DigResult {
  std::string status;             // NOERROR, NXDOMAIN, REFUSED, ...
  std::string flags;              // "qr aa rd", with "tc" when truncated
  std::vector<std::string> lines;  // +short answers, sorted
  std::string out;
};

std::string Between(const std::string& text, const std::string& start, const std::string& end) {
  size_t from = text.find(start);
  if (from == std::string::npos) return "";
  from += start.size();
  size_t to = text.find(end, from);
  return text.substr(from, to == std::string::npos ? std::string::npos : to - from);
}

// Runs dig once against the server (one try, short timeout: a lost datagram on
// loopback is a failure worth seeing).
DigResult Dig(const ClusterDnsProcess& dns, const std::string& name, const std::string& type,
              std::vector<std::string> options = {}) {
  std::vector<std::string> argv = {"dig", "@127.0.0.1", "-p", std::to_string(dns.port()),
                                   "+time=3", "+tries=1", name, type};
  argv.insert(argv.end(), options.begin(), options.end());
  DigResult result;
  CommandResult full = RunCommand(argv, "", absl::Seconds(20));
  result.out = full.out + full.err;
  result.status = Between(full.out, "status: ", ",");
  result.flags = Between(full.out, ";; flags: ", ";");
  argv.push_back("+short");
  CommandResult brief = RunCommand(argv, "", absl::Seconds(20));
  std::istringstream lines(brief.out);
  for (std::string line; std::getline(lines, line);) {
    if (!line.empty() && line[0] != ';') result.lines.push_back(line);
  }
  std::sort(result.lines.begin(), result.lines.end());
  return result;
}

// "10.0.0.12" -> "12.0.0.10.in-addr.arpa".
std::string ReverseName(const std::string& ip) {
  std::vector<std::string> octets;
  std::istringstream in(ip);
  for (std::string octet; std::getline(in, octet, '.');) octets.insert(octets.begin(), octet);
  std::string out;
  for (const std::string& octet : octets) out += octet + ".";
  return out + "in-addr.arpa";
}

template <typename Predicate>
bool WaitUntil(Predicate predicate, absl::Duration timeout = absl::Seconds(20)) {
  const absl::Time deadline = absl::Now() + timeout;
  while (absl::Now() < deadline) {
    if (predicate()) return true;
    absl::SleepFor(absl::Milliseconds(100));
  }
  return predicate();
}

std::string Run(const Kubectl& kubectl, const std::vector<std::string>& args, const std::string& input = "") {
  CommandResult result = kubectl.Run(args, input);
  INFO("kubectl " << args[0] << ": " << result.out << result.err);
  REQUIRE(result.exit_code == 0);
  return result.out;
}

const char kMusicStore[] = R"(apiVersion: v1
kind: Service
metadata: {name: music-db, namespace: mytunes}
spec:
  selector: {app: music-db}
  ports: [{name: http, port: 9200, protocol: TCP}, {name: metrics, port: 9300, protocol: UDP}]
---
apiVersion: v1
kind: Service
metadata: {name: peers, namespace: mytunes}
spec:
  clusterIP: None
  ports: [{name: gossip, port: 7000}]
---
apiVersion: v1
kind: Endpoints
metadata: {name: peers, namespace: mytunes}
subsets:
- addresses: [{ip: 10.88.0.7, hostname: peer-0, nodeName: node-1}, {ip: 10.88.0.8, nodeName: node-2}]
  notReadyAddresses: [{ip: 10.88.0.9, nodeName: node-2}]
  ports: [{name: gossip, port: 7946, protocol: TCP}]
)";

const char kExternalName[] = R"(apiVersion: v1
kind: Service
metadata: {name: search, namespace: mytunes}
spec: {type: ExternalName, externalName: www.example.com}
)";

std::string ManyEndpoints(const std::string& name, int count) {
  std::string out = "apiVersion: v1\nkind: Service\nmetadata: {name: " + name +
                    ", namespace: default}\nspec: {clusterIP: None}\n---\napiVersion: v1\nkind: "
                    "Endpoints\nmetadata: {name: " + name + ", namespace: default}\nsubsets:\n- addresses:\n";
  for (int i = 1; i <= count; ++i) out += "  - {ip: 10.88.3." + std::to_string(i) + "}\n";
  return out;
}

}  // namespace

TEST_CASE("cluster-dns: --help says it forwards nothing and bad flags are refused", "[cluster-dns]") {
  CommandResult help = RunCommand({BinDir() + "/cluster-dns", "--help"});
  CHECK(help.exit_code == 0);
  for (const char* flag : {"--kubeconfig", "--bind-address", "--port", "--cluster-domain",
                           "--health-port", "--ttl", "forwards nothing"}) {
    CHECK(Contains(help.out, flag));
  }
  CHECK(RunCommand({BinDir() + "/cluster-dns", "--port=70000"}).exit_code == 2);
  CommandResult domain = RunCommand({BinDir() + "/cluster-dns", "--cluster-domain=a..b"});
  CHECK(domain.exit_code == 2);
  CHECK(Contains(domain.err, "--cluster-domain"));
}

TEST_CASE("cluster-dns: answers A, SRV, CNAME and PTR for Services made through the API",
          "[cluster-dns]") {
  REQUIRE_KUBECTL();
  REQUIRE_DIG();
  ApiServerProcess api;
  REQUIRE_STARTED(api);
  Kubectl kubectl(api);
  Run(kubectl, {"create", "namespace", "mytunes"});
  // These exist before cluster-dns starts (its first list); the ExternalName comes
  // after (its watch).
  Run(kubectl, {"create", "-f", "-"}, kMusicStore);
  const std::string cluster_ip =
      Run(kubectl, {"get", "service", "music-db", "-n", "mytunes", "-o", "jsonpath={.spec.clusterIP}"});
  REQUIRE_FALSE(cluster_ip.empty());

  ClusterDnsProcess dns(api);
  bool ready = dns.WaitReady();
  INFO("cluster-dns log:\n" << dns.log());
  REQUIRE(ready);
  Run(kubectl, {"create", "-f", "-"}, kExternalName);

  const std::string fqdn = "music-db.mytunes.svc.cluster.local";
  DigResult a = Dig(dns, fqdn, "A");
  INFO(a.out);
  CHECK(a.status == "NOERROR");
  CHECK(Contains(a.flags, "aa"));
  CHECK(a.lines == std::vector<std::string>{cluster_ip});
  CHECK(Dig(dns, "MUSIC-DB.MyTunes.svc.Cluster.Local", "A").lines == std::vector<std::string>{cluster_ip});
  DigResult tcp = Dig(dns, fqdn, "A", {"+tcp"});
  CHECK(Contains(tcp.out, "(TCP)"));
  CHECK(tcp.lines == std::vector<std::string>{cluster_ip});

  // SRV for the named port only, target the Service's name, its address alongside.
  DigResult srv = Dig(dns, "_http._tcp." + fqdn, "SRV");
  CHECK(srv.lines == std::vector<std::string>{"0 100 9200 " + fqdn + "."});
  CHECK(Contains(Between(srv.out, "ADDITIONAL SECTION:", "Query time"), cluster_ip));
  CHECK(Dig(dns, "_metrics._udp." + fqdn, "SRV").lines == std::vector<std::string>{"0 100 9300 " + fqdn + "."});
  CHECK(Dig(dns, "_metrics._tcp." + fqdn, "SRV").status == "NXDOMAIN");

  // Headless: every ready endpoint, names for each, SRV per endpoint.
  CHECK(Dig(dns, "peers.mytunes.svc.cluster.local", "A").lines ==
        std::vector<std::string>{"10.88.0.7", "10.88.0.8"});
  CHECK(Dig(dns, "peer-0.peers.mytunes.svc.cluster.local", "A").lines ==
        std::vector<std::string>{"10.88.0.7"});
  DigResult peers = Dig(dns, "_gossip._tcp.peers.mytunes.svc.cluster.local", "SRV", {"+tcp"});
  CHECK(peers.lines == std::vector<std::string>{"0 50 7946 10-88-0-8.peers.mytunes.svc.cluster.local.",
                                                "0 50 7946 peer-0.peers.mytunes.svc.cluster.local."});
  const std::string additional = Between(peers.out, "ADDITIONAL SECTION:", "Query time");
  CHECK(Contains(additional, "10.88.0.7"));
  CHECK(Contains(additional, "10.88.0.8"));
  CHECK_FALSE(Contains(additional, "10.88.0.9"));

  // The ExternalName made after startup arrives through the watch.
  CHECK(WaitUntil([&] {
    return Dig(dns, "search.mytunes.svc.cluster.local", "A").lines == std::vector<std::string>{"www.example.com."};
  }));
  DigResult cname = Dig(dns, "search.mytunes.svc.cluster.local", "CNAME");
  CHECK(cname.lines == std::vector<std::string>{"www.example.com."});

  // Reverse lookups of the cluster IP and a named endpoint.
  CHECK(Dig(dns, ReverseName(cluster_ip), "PTR").lines == std::vector<std::string>{fqdn + "."});
  CHECK(Dig(dns, "7.0.88.10.in-addr.arpa", "PTR").lines ==
        std::vector<std::string>{"peer-0.peers.mytunes.svc.cluster.local."});

  // Negative answers.
  DigResult nx = Dig(dns, "nosuch.mytunes.svc.cluster.local", "A");
  CHECK(nx.status == "NXDOMAIN");
  CHECK(Contains(Between(nx.out, "AUTHORITY SECTION:", "Query time"), "SOA"));
  DigResult nodata = Dig(dns, fqdn, "AAAA");
  CHECK(nodata.status == "NOERROR");
  CHECK(nodata.lines.empty());
  CHECK(Contains(Between(nodata.out, "AUTHORITY SECTION:", "Query time"), "SOA"));
  CHECK(Dig(dns, "music-db.mytunes", "A").status == "REFUSED");  // not in the domain
  CHECK(Dig(dns, "example.com", "A").status == "REFUSED");        // forwarded nowhere
  CHECK(Dig(dns, "example.com", "A", {"+tcp"}).status == "REFUSED");
  CHECK(Dig(dns, "10-88-0-42.mytunes.pod.cluster.local", "A").lines == std::vector<std::string>{"10.88.0.42"});
}

TEST_CASE("cluster-dns: follows Services as they come and go, truncates UDP, reports health",
          "[cluster-dns]") {
  REQUIRE_KUBECTL();
  REQUIRE_DIG();
  ApiServerProcess api;
  REQUIRE_STARTED(api);
  Kubectl kubectl(api);
  ClusterDnsProcess dns(api, {"--ttl=5"});
  bool ready = dns.WaitReady();
  INFO("cluster-dns log:\n" << dns.log());
  REQUIRE(ready);

  ApiClient health = ApiClient::Plain(dns.health_port());
  for (const char* path : {"/healthz", "/livez", "/readyz"}) {
    INFO(path);
    HttpResult result = health.Get(path);
    CHECK(result.status == 200);
    CHECK(result.body == "ok");
  }

  const std::string name = "late.default.svc.cluster.local";
  CHECK(Dig(dns, name, "A").status == "NXDOMAIN");
  Run(kubectl, {"create", "service", "clusterip", "late", "--tcp=80:8080"});
  const std::string ip = Run(kubectl, {"get", "service", "late", "-o", "jsonpath={.spec.clusterIP}"});
  CHECK(WaitUntil([&] { return Dig(dns, name, "A").lines == std::vector<std::string>{ip}; }));
  // --ttl: the answer line is "name TTL IN A address".
  std::istringstream answer(Between(Dig(dns, name, "A").out, "ANSWER SECTION:\n", "\n"));
  std::string owner, ttl, klass, type, address;
  answer >> owner >> ttl >> klass >> type >> address;
  CHECK(ttl == "5");
  CHECK(address == ip);
  Run(kubectl, {"delete", "service", "late"});
  CHECK(WaitUntil([&] { return Dig(dns, name, "A").status == "NXDOMAIN"; }));

  // 60 endpoints do not fit in 512 bytes: UDP without EDNS is truncated (TC), and
  // TCP, or a large enough EDNS buffer, carries them all.
  Run(kubectl, {"create", "-f", "-"}, ManyEndpoints("big", 60));
  const std::string big = "big.default.svc.cluster.local";
  CHECK(WaitUntil([&] { return Dig(dns, big, "A", {"+tcp"}).lines.size() == 60; }));
  DigResult truncated = Dig(dns, big, "A", {"+noedns", "+ignore"});
  CHECK(Contains(truncated.flags, "tc"));
  DigResult small_edns = Dig(dns, big, "A", {"+bufsize=700", "+ignore"});
  CHECK(Contains(small_edns.flags, "tc"));
  CHECK(Contains(small_edns.out, "udp: 1232"));  // our OPT, echoed
  DigResult large_edns = Dig(dns, big, "A", {"+bufsize=4096", "+ignore"});
  CHECK_FALSE(Contains(large_edns.flags, "tc"));
  CHECK(large_edns.lines.size() == 60);

  HttpResult metrics = health.Get("/metrics", "text/plain");
  CHECK(metrics.status == 200);
  INFO(metrics.body);
  CHECK(Contains(metrics.body, "cluster_dns_requests_total{proto=\"udp\",type=\"A\",rcode=\"NXDOMAIN\"}"));
  CHECK(Contains(metrics.body, "cluster_dns_requests_total{proto=\"udp\",type=\"A\",rcode=\"NOERROR\"}"));
  CHECK(Contains(metrics.body, "cluster_dns_requests_total{proto=\"tcp\",type=\"A\",rcode=\"NOERROR\"}"));
  CHECK(Contains(metrics.body, "cluster_dns_ready 1"));
}

}  // namespace kube::testing

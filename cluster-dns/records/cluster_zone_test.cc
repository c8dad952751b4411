#include "cluster-dns/records/cluster_zone.h"

#include <string>

#include <catch2/catch.hpp>

namespace kube::dns {
namespace {

using k8s::core::v1::Endpoints;
using k8s::core::v1::Service;

std::string Ip(int a, int b, int c, int d) {
  return std::string{static_cast<char>(a), static_cast<char>(b), static_cast<char>(c), static_cast<char>(d)};
}

DnsName Name(const std::string& dotted) { return *DnsName::Parse(dotted); }

std::shared_ptr<const Service> MakeService(const std::string& ns, const std::string& name,
                                           const std::string& cluster_ip,
                                           std::vector<std::pair<std::string, int>> ports = {}) {
  auto service = std::make_shared<Service>();
  service->mutable_metadata()->set_namespace_(ns);
  service->mutable_metadata()->set_name(name);
  service->mutable_spec()->set_clusterip(cluster_ip);
  service->mutable_spec()->set_type("ClusterIP");
  for (const auto& [port_name, number] : ports) {
    auto* port = service->mutable_spec()->add_ports();
    port->set_name(port_name);
    port->set_port(number);
    port->set_protocol("TCP");
  }
  return service;
}

struct Address {
  std::string ip;
  std::string hostname;
  bool ready = true;
};

std::shared_ptr<const Endpoints> MakeEndpoints(const std::string& ns, const std::string& name,
                                               std::vector<Address> addresses,
                                               std::vector<std::pair<std::string, int>> ports) {
  auto endpoints = std::make_shared<Endpoints>();
  endpoints->mutable_metadata()->set_namespace_(ns);
  endpoints->mutable_metadata()->set_name(name);
  auto* subset = endpoints->add_subsets();
  for (const Address& a : addresses) {
    auto* address = a.ready ? subset->add_addresses() : subset->add_notreadyaddresses();
    address->set_ip(a.ip);
    address->set_hostname(a.hostname);
    address->set_nodename("node-1");
  }
  for (const auto& [port_name, number] : ports) {
    auto* port = subset->add_ports();
    port->set_name(port_name);
    port->set_port(number);
    port->set_protocol("TCP");
  }
  return endpoints;
}

class Fixture {
 public:
  Fixture() {
    auto external = std::make_shared<Service>();
    external->mutable_metadata()->set_namespace_("default");
    external->mutable_metadata()->set_name("search");
    external->mutable_spec()->set_type("ExternalName");
    external->mutable_spec()->set_externalname("www.example.com");
    auto alias = std::make_shared<Service>();  // ExternalName pointing inside the cluster
    alias->mutable_metadata()->set_namespace_("default");
    alias->mutable_metadata()->set_name("db-alias");
    alias->mutable_spec()->set_type("ExternalName");
    alias->mutable_spec()->set_externalname("music-db.mytunes.svc.cluster.local.");
    auto publish = std::make_shared<Service>(*MakeService("mytunes", "warm", "None"));
    publish->mutable_spec()->set_publishnotreadyaddresses(true);
    services_ = {MakeService("mytunes", "music-db", "10.0.0.12", {{"http", 9200}, {"", 9300}}),
                 MakeService("mytunes", "peers", "None", {{"gossip", 7000}}),
                 MakeService("mytunes", "empty", "None"),
                 publish,
                 external,
                 alias};
    endpoints_ = {
        MakeEndpoints("mytunes", "music-db", {{"10.88.0.5", ""}}, {{"http", 9200}}),
        MakeEndpoints("mytunes", "peers",
                      {{"10.88.0.7", "peer-0"}, {"10.88.0.8", ""}, {"10.88.0.9", "", false}},
                      {{"gossip", 7946}, {"", 1}}),
        MakeEndpoints("mytunes", "warm", {{"10.88.1.1", ""}, {"10.88.1.2", "", false}}, {}),
        MakeEndpoints("mytunes", "orphan", {{"10.88.2.1", "x"}}, {{"p", 1}}),  // no Service
    };
    absl::StatusOr<std::unique_ptr<const Zone>> zone =
        BuildClusterZone({Name("cluster.local"), 30, 42}, services_, endpoints_);
    REQUIRE(zone.ok());
    zone_ = std::move(*zone);
  }

  LookupResult Lookup(const std::string& name, RrType type) const { return zone_->Lookup(Name(name), type); }

  std::vector<std::string> Addresses(const LookupResult& r) const {
    std::vector<std::string> out;
    for (const auto& rr : r.answers) {
      if (const auto* a = std::get_if<AddressRdata>(&rr.rdata)) out.push_back(a->bytes);
    }
    std::sort(out.begin(), out.end());
    return out;
  }

 private:
  std::vector<std::shared_ptr<const Service>> services_;
  std::vector<std::shared_ptr<const Endpoints>> endpoints_;
  std::unique_ptr<const Zone> zone_;
};

TEST_CASE("a ClusterIP Service answers A with its cluster IP, any case", "[dns-zone]") {
  Fixture f;
  LookupResult r = f.Lookup("music-db.mytunes.svc.cluster.local", RrType::kA);
  CHECK(r.rcode == Rcode::kNoError);
  CHECK(r.authoritative);
  CHECK(f.Addresses(r) == std::vector<std::string>{Ip(10, 0, 0, 12)});
  REQUIRE(r.answers.size() == 1);
  CHECK(r.answers[0].ttl == 30);
  // The answer's owner is spelled as asked.
  LookupResult upper = f.Lookup("MUSIC-DB.MyTunes.SVC.cluster.LOCAL", RrType::kA);
  CHECK(f.Addresses(upper) == std::vector<std::string>{Ip(10, 0, 0, 12)});
  CHECK(upper.answers[0].name.ToString() == "MUSIC-DB.MyTunes.SVC.cluster.LOCAL.");
  // Its endpoints are not published as names: that is for headless Services.
  CHECK(f.Lookup("10-88-0-5.music-db.mytunes.svc.cluster.local", RrType::kA).rcode == Rcode::kNxDomain);
}

TEST_CASE("a ClusterIP Service's named ports answer SRV with the address in additional",
          "[dns-zone]") {
  Fixture f;
  LookupResult r = f.Lookup("_http._tcp.music-db.mytunes.svc.cluster.local", RrType::kSRV);
  CHECK(r.rcode == Rcode::kNoError);
  REQUIRE(r.answers.size() == 1);
  const auto& srv = std::get<SrvRdata>(r.answers[0].rdata);
  CHECK(srv.port == 9200);
  CHECK(srv.target.Key() == "music-db.mytunes.svc.cluster.local");
  REQUIRE(r.additional.size() == 1);
  CHECK(std::get<AddressRdata>(r.additional[0].rdata).bytes == Ip(10, 0, 0, 12));
  // Unnamed ports have no SRV; a wrong protocol is not there either.
  CHECK(f.Lookup("_udp.music-db.mytunes.svc.cluster.local", RrType::kSRV).rcode == Rcode::kNxDomain);
  CHECK(f.Lookup("_http._udp.music-db.mytunes.svc.cluster.local", RrType::kSRV).rcode ==
        Rcode::kNxDomain);
  // _tcp.<svc> exists (it has names below it): NODATA.
  LookupResult middle = f.Lookup("_tcp.music-db.mytunes.svc.cluster.local", RrType::kSRV);
  CHECK(middle.rcode == Rcode::kNoError);
  CHECK(middle.answers.empty());
}

TEST_CASE("a headless Service answers every ready endpoint", "[dns-zone]") {
  Fixture f;
  LookupResult r = f.Lookup("peers.mytunes.svc.cluster.local", RrType::kA);
  CHECK(r.rcode == Rcode::kNoError);
  CHECK(f.Addresses(r) == std::vector<std::string>{Ip(10, 88, 0, 7), Ip(10, 88, 0, 8)});
  // Hostnames and dashed IPs name single endpoints; not-ready ones are absent.
  CHECK(f.Addresses(f.Lookup("peer-0.peers.mytunes.svc.cluster.local", RrType::kA)) ==
        std::vector<std::string>{Ip(10, 88, 0, 7)});
  CHECK(f.Addresses(f.Lookup("10-88-0-8.peers.mytunes.svc.cluster.local", RrType::kA)) ==
        std::vector<std::string>{Ip(10, 88, 0, 8)});
  CHECK(f.Lookup("10-88-0-9.peers.mytunes.svc.cluster.local", RrType::kA).rcode == Rcode::kNxDomain);
  // publishNotReadyAddresses includes the not-ready ones.
  CHECK(f.Addresses(f.Lookup("warm.mytunes.svc.cluster.local", RrType::kA)) ==
        std::vector<std::string>{Ip(10, 88, 1, 1), Ip(10, 88, 1, 2)});
}

TEST_CASE("a headless Service answers SRV per endpoint with endpoint ports", "[dns-zone]") {
  Fixture f;
  LookupResult r = f.Lookup("_gossip._tcp.peers.mytunes.svc.cluster.local", RrType::kSRV);
  CHECK(r.rcode == Rcode::kNoError);
  REQUIRE(r.answers.size() == 2);
  std::vector<std::string> targets;
  for (const auto& rr : r.answers) {
    const auto& srv = std::get<SrvRdata>(rr.rdata);
    CHECK(srv.port == 7946);  // the endpoint's port, not the Service's 7000
    CHECK(srv.weight == 50);
    targets.push_back(srv.target.Key());
  }
  std::sort(targets.begin(), targets.end());
  CHECK(targets == std::vector<std::string>{"10-88-0-8.peers.mytunes.svc.cluster.local",
                                            "peer-0.peers.mytunes.svc.cluster.local"});
  CHECK(r.additional.size() == 2);
}

TEST_CASE("a headless Service without endpoints exists but has no address", "[dns-zone]") {
  Fixture f;
  LookupResult r = f.Lookup("empty.mytunes.svc.cluster.local", RrType::kA);
  CHECK(r.rcode == Rcode::kNoError);
  CHECK(r.answers.empty());
  REQUIRE(r.authority.size() == 1);
  CHECK(r.authority[0].type == RrType::kSOA);
  // Endpoints without a Service publish nothing.
  CHECK(f.Lookup("x.orphan.mytunes.svc.cluster.local", RrType::kA).rcode == Rcode::kNxDomain);
}

TEST_CASE("an ExternalName Service answers CNAME, followed only inside the zone", "[dns-zone]") {
  Fixture f;
  LookupResult r = f.Lookup("search.default.svc.cluster.local", RrType::kA);
  CHECK(r.rcode == Rcode::kNoError);
  REQUIRE(r.answers.size() == 1);
  CHECK(r.answers[0].type == RrType::kCNAME);
  CHECK(std::get<NameRdata>(r.answers[0].rdata).name.Key() == "www.example.com");
  LookupResult alias = f.Lookup("db-alias.default.svc.cluster.local", RrType::kA);
  REQUIRE(alias.answers.size() == 2);
  CHECK(alias.answers[0].type == RrType::kCNAME);
  CHECK(alias.answers[1].type == RrType::kA);
  CHECK(alias.answers[1].name.Key() == "music-db.mytunes.svc.cluster.local");
  CHECK(f.Lookup("search.default.svc.cluster.local", RrType::kCNAME).answers.size() == 1);
}

TEST_CASE("PTR records name cluster IPs and headless endpoints", "[dns-zone]") {
  Fixture f;
  LookupResult r = f.Lookup("12.0.0.10.in-addr.arpa", RrType::kPTR);
  CHECK(r.rcode == Rcode::kNoError);
  REQUIRE(r.answers.size() == 1);
  CHECK(std::get<NameRdata>(r.answers[0].rdata).name.Key() == "music-db.mytunes.svc.cluster.local");
  LookupResult endpoint = f.Lookup("7.0.88.10.in-addr.arpa", RrType::kPTR);
  REQUIRE(endpoint.answers.size() == 1);
  CHECK(std::get<NameRdata>(endpoint.answers[0].rdata).name.Key() == "peer-0.peers.mytunes.svc.cluster.local");
  // An address the cluster does not know is not ours to answer.
  LookupResult unknown = f.Lookup("8.8.8.8.in-addr.arpa", RrType::kPTR);
  CHECK(unknown.rcode == Rcode::kRefused);
  CHECK_FALSE(unknown.authoritative);
}

TEST_CASE("pod names answer their dashed address", "[dns-zone]") {
  Fixture f;
  CHECK(f.Addresses(f.Lookup("10-88-0-5.mytunes.pod.cluster.local", RrType::kA)) ==
        std::vector<std::string>{Ip(10, 88, 0, 5)});
  LookupResult aaaa = f.Lookup("10-88-0-5.mytunes.pod.cluster.local", RrType::kAAAA);
  CHECK(aaaa.rcode == Rcode::kNoError);
  CHECK(aaaa.answers.empty());
  CHECK(f.Lookup("10-88-0-256.mytunes.pod.cluster.local", RrType::kA).rcode == Rcode::kNxDomain);
  CHECK(f.Lookup("web.mytunes.pod.cluster.local", RrType::kA).rcode == Rcode::kNxDomain);
}

TEST_CASE("missing names are NXDOMAIN, other types NODATA, outside names REFUSED", "[dns-zone]") {
  Fixture f;
  LookupResult missing = f.Lookup("nosuch.mytunes.svc.cluster.local", RrType::kA);
  CHECK(missing.rcode == Rcode::kNxDomain);
  CHECK(missing.authoritative);
  REQUIRE(missing.authority.size() == 1);
  const auto& soa = std::get<SoaRdata>(missing.authority[0].rdata);
  CHECK(soa.serial == 42);
  CHECK(soa.minimum == 30);
  CHECK(missing.authority[0].name.Key() == "cluster.local");

  LookupResult nodata = f.Lookup("music-db.mytunes.svc.cluster.local", RrType::kAAAA);
  CHECK(nodata.rcode == Rcode::kNoError);
  CHECK(nodata.answers.empty());
  CHECK(nodata.authority.size() == 1);
  // Names above services exist.
  CHECK(f.Lookup("mytunes.svc.cluster.local", RrType::kA).rcode == Rcode::kNoError);
  CHECK(f.Lookup("svc.cluster.local", RrType::kA).rcode == Rcode::kNoError);
  CHECK(f.Lookup("nosuchns.svc.cluster.local", RrType::kA).rcode == Rcode::kNxDomain);

  LookupResult outside = f.Lookup("music-db.mytunes", RrType::kA);
  CHECK(outside.rcode == Rcode::kRefused);
  CHECK_FALSE(outside.authoritative);
  CHECK(f.Lookup("example.com", RrType::kA).rcode == Rcode::kRefused);
  CHECK(f.Lookup("notcluster.local", RrType::kA).rcode == Rcode::kRefused);
}

TEST_CASE("the apex answers SOA and the schema version, and ANY returns all", "[dns-zone]") {
  Fixture f;
  LookupResult soa = f.Lookup("cluster.local", RrType::kSOA);
  REQUIRE(soa.answers.size() == 1);
  CHECK(std::get<SoaRdata>(soa.answers[0].rdata).mname.Key() == "ns.dns.cluster.local");
  LookupResult version = f.Lookup("dns-version.cluster.local", RrType::kTXT);
  REQUIRE(version.answers.size() == 1);
  CHECK(std::get<TxtRdata>(version.answers[0].rdata).strings == std::vector<std::string>{"1.1.0"});
  CHECK(f.Lookup("peers.mytunes.svc.cluster.local", RrType::kANY).answers.size() == 2);
}

TEST_CASE("a custom cluster domain is honoured and a bad one refused", "[dns-zone]") {
  auto service = MakeService("ns", "web", "10.0.0.1");
  absl::StatusOr<std::unique_ptr<const Zone>> zone =
      BuildClusterZone({Name("corp.example"), 5, 1}, {service}, {});
  REQUIRE(zone.ok());
  LookupResult r = (*zone)->Lookup(Name("web.ns.svc.corp.example"), RrType::kA);
  REQUIRE(r.answers.size() == 1);
  CHECK(r.answers[0].ttl == 5);
  CHECK((*zone)->Lookup(Name("web.ns.svc.cluster.local"), RrType::kA).rcode == Rcode::kRefused);
  CHECK_FALSE(BuildClusterZone({DnsName(), 5, 1}, {service}, {}).ok());
}

TEST_CASE("IPv6 cluster IPs answer AAAA and ip6.arpa PTR", "[dns-zone]") {
  auto service = MakeService("ns", "v6", "fd00::a");
  absl::StatusOr<std::unique_ptr<const Zone>> zone = BuildClusterZone({Name("cluster.local"), 30, 1}, {service}, {});
  REQUIRE(zone.ok());
  LookupResult r = (*zone)->Lookup(Name("v6.ns.svc.cluster.local"), RrType::kAAAA);
  REQUIRE(r.answers.size() == 1);
  CHECK(std::get<AddressRdata>(r.answers[0].rdata).bytes.size() == 16);
  std::string reverse = "a.0.0.0";
  for (int i = 0; i < 26; ++i) reverse += ".0";  // 29 zero nibbles in all
  reverse += ".d.f.ip6.arpa";
  LookupResult ptr = (*zone)->Lookup(Name(reverse), RrType::kPTR);
  REQUIRE(ptr.answers.size() == 1);
  CHECK(std::get<NameRdata>(ptr.answers[0].rdata).name.Key() == "v6.ns.svc.cluster.local");
}

}  // namespace
}  // namespace kube::dns

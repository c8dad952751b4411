#include "cluster-dns/server/query_handler.h"

#include <random>

#include <catch2/catch.hpp>

#include "cluster-dns/message/parser.h"
#include "cluster-dns/message/serializer.h"
#include "cluster-dns/message/test_messages.h"
#include "cluster-dns/server/server_test_zone.h"

namespace kube::dns {
namespace {

using testing::Bytes;
using testing::QueryWire;

std::string WithOpt(std::string query, uint16_t payload, uint8_t version = 0) {
  query[11] = 1;  // ARCOUNT
  return query + Bytes({0, 0, 41, payload >> 8, payload & 0xFF, 0, version, 0, 0, 0, 0});
}

struct Harness {
  ZoneSnapshot zone;
  QueryMetrics metrics;
  QueryHandler handler{zone, metrics};
  Harness() { zone.Publish(testing::ServerTestZone()); }

  Message Ask(const std::string& wire, Transport transport = Transport::kUdp) {
    std::optional<std::string> response = handler.Handle(wire, transport);
    REQUIRE(response.has_value());
    absl::StatusOr<Message> m = ParseMessage(*response);
    REQUIRE(m.ok());
    return *m;
  }
};

TEST_CASE("the handler answers a query from the zone", "[dns-handler]") {
  Harness h;
  Message r = h.Ask(QueryWire("web.default.svc.cluster.local", 1));
  CHECK(r.header.id == 0x1234);
  CHECK(r.header.qr);
  CHECK(r.header.aa);
  CHECK(r.header.rd);  // echoed
  CHECK_FALSE(r.header.ra);  // never recurses
  CHECK(r.rcode == Rcode::kNoError);
  REQUIRE(r.questions.size() == 1);
  REQUIRE(r.answers.size() == 1);
  CHECK(std::get<AddressRdata>(r.answers[0].rdata).bytes == Bytes({10, 0, 0, 10}));
  CHECK_FALSE(r.edns.has_value());
  CHECK(h.metrics.Answered(Transport::kUdp, "A", Rcode::kNoError) == 1);

  Message nx = h.Ask(QueryWire("nope.default.svc.cluster.local", 1));
  CHECK(nx.rcode == Rcode::kNxDomain);
  CHECK(nx.authority.size() == 1);
  Message refused = h.Ask(QueryWire("example.com", 1));
  CHECK(refused.rcode == Rcode::kRefused);
  CHECK_FALSE(refused.header.aa);
  CHECK(h.metrics.Answered(Transport::kUdp, "A", Rcode::kRefused) == 1);
  CHECK(h.metrics.Render().find("cluster_dns_requests_total{proto=\"udp\",type=\"A\",rcode=\"NXDOMAIN\"} 1") !=
        std::string::npos);
}

TEST_CASE("the handler drops runts and responses, and FORMERRs malformed queries", "[dns-handler]") {
  Harness h;
  CHECK_FALSE(h.handler.Handle(Bytes({1, 2, 3}), Transport::kUdp).has_value());
  std::string response = QueryWire("web.default.svc.cluster.local", 1);
  response[2] |= 0x80;  // QR
  CHECK_FALSE(h.handler.Handle(response, Transport::kUdp).has_value());
  CHECK(h.metrics.Render().find("cluster_dns_dropped_total 2") != std::string::npos);

  std::string truncated = QueryWire("web.default.svc.cluster.local", 1);
  truncated.resize(truncated.size() - 3);
  Message formerr = h.Ask(truncated);
  CHECK(formerr.rcode == Rcode::kFormErr);
  CHECK(formerr.header.id == 0x1234);
  CHECK(formerr.questions.empty());

  std::string two = QueryWire("a.cluster.local", 1);
  two[5] = 2;  // QDCOUNT 2 with the second question present
  two += two.substr(12);
  CHECK(h.Ask(two).rcode == Rcode::kFormErr);
  std::string none = Bytes({0, 9, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0});
  CHECK(h.Ask(none).rcode == Rcode::kFormErr);
  CHECK(h.Ask(QueryWire("x.cluster.local", 41)).rcode == Rcode::kFormErr);  // OPT as a question
}

TEST_CASE("the handler refuses what it does not do", "[dns-handler]") {
  Harness h;
  std::string notify = QueryWire("web.default.svc.cluster.local", 1);
  notify[2] = static_cast<char>(4 << 3);  // opcode NOTIFY
  CHECK(h.Ask(notify).rcode == Rcode::kNotImp);
  CHECK(h.Ask(QueryWire("cluster.local", 252)).rcode == Rcode::kRefused);  // AXFR
  std::string chaos = QueryWire("version.bind", 16);
  chaos[chaos.size() - 1] = 3;  // class CH
  CHECK(h.Ask(chaos).rcode == Rcode::kRefused);
}

TEST_CASE("the handler answers SERVFAIL before a zone is published", "[dns-handler]") {
  ZoneSnapshot zone;
  QueryMetrics metrics;
  QueryHandler handler(zone, metrics);
  std::optional<std::string> response = handler.Handle(QueryWire("web.default.svc.cluster.local", 1), Transport::kUdp);
  REQUIRE(response.has_value());
  CHECK(ParseMessage(*response)->rcode == Rcode::kServFail);
}

TEST_CASE("the handler echoes EDNS0 and answers BADVERS to version 1", "[dns-handler]") {
  Harness h;
  Message r = h.Ask(WithOpt(QueryWire("web.default.svc.cluster.local", 1), 4096));
  REQUIRE(r.edns.has_value());
  CHECK(r.edns->udp_payload_size == kAdvertisedUdpPayload);
  CHECK(r.edns->version == 0);
  CHECK(r.answers.size() == 1);
  Message bad = h.Ask(WithOpt(QueryWire("web.default.svc.cluster.local", 1), 4096, 1));
  CHECK(bad.rcode == Rcode::kBadVers);
  CHECK(bad.answers.empty());
  REQUIRE(bad.edns.has_value());
}

TEST_CASE("UDP answers are truncated to 512 bytes or the EDNS size, TCP ones are not", "[dns-handler]") {
  Harness h;
  const std::string query = QueryWire("big.default.svc.cluster.local", 1);
  std::optional<std::string> small = h.handler.Handle(query, Transport::kUdp);
  REQUIRE(small.has_value());
  CHECK(small->size() <= 512);
  Message r = *ParseMessage(*small);
  CHECK(r.header.tc);
  CHECK(r.answers.size() < 100);

  std::optional<std::string> edns = h.handler.Handle(WithOpt(query, 4096), Transport::kUdp);
  REQUIRE(edns.has_value());
  CHECK(edns->size() > 512);
  Message full = *ParseMessage(*edns);
  CHECK_FALSE(full.header.tc);
  CHECK(full.answers.size() == 100);

  std::optional<std::string> medium = h.handler.Handle(WithOpt(query, 1000), Transport::kUdp);
  REQUIRE(medium.has_value());
  CHECK(medium->size() <= 1000);
  CHECK(medium->size() > 512);
  CHECK(ParseMessage(*medium)->header.tc);

  Message tcp = h.Ask(query, Transport::kTcp);
  CHECK_FALSE(tcp.header.tc);
  CHECK(tcp.answers.size() == 100);
}

TEST_CASE("random mutations of queries never crash the handler", "[dns-handler][dns-fuzz]") {
  Harness h;
  const std::string seeds[] = {QueryWire("web.default.svc.cluster.local", 1),
                               WithOpt(QueryWire("_http._tcp.web.default.svc.cluster.local", 33), 1232),
                               QueryWire("big.default.svc.cluster.local", 255)};
  std::mt19937 random(7);
  int answered = 0;
  for (int i = 0; i < 20000; ++i) {
    std::string wire = seeds[i % 3];
    const int mutations = 1 + static_cast<int>(random() % 3);
    for (int m = 0; m < mutations && !wire.empty(); ++m) {
      const size_t at = random() % wire.size();
      switch (random() % 3) {
        case 0: wire[at] = static_cast<char>(random()); break;
        case 1: wire.resize(at); break;
        case 2: wire.insert(at, 1, static_cast<char>(random())); break;
      }
    }
    std::optional<std::string> response = h.handler.Handle(wire, Transport::kUdp);
    if (!response.has_value()) continue;
    ++answered;
    INFO("iteration " << i);
    CHECK(response->size() <= 4096);
    REQUIRE(ParseHeader(*response).has_value());
    CHECK(ParseHeader(*response)->qr);
  }
  CHECK(answered > 1000);
}

}  // namespace
}  // namespace kube::dns

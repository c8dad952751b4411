#include "cluster-dns/message/serializer.h"

#include <string>

#include <catch2/catch.hpp>

#include "cluster-dns/message/parser.h"
#include "cluster-dns/message/test_messages.h"

namespace kube::dns {
namespace {

using testing::Bytes;

DnsName Name(const std::string& dotted) { return *DnsName::Parse(dotted); }

ResourceRecord Record(const std::string& owner, RrType type, Rdata rdata) {
  return ResourceRecord{Name(owner), type, kClassIN, 30, std::move(rdata)};
}

Message Response() {
  Message m;
  m.header.id = 77;
  m.header.qr = true;
  m.header.aa = true;
  m.header.rd = true;
  m.questions.push_back({Name("Web.Default.svc.cluster.local"), RrType::kANY, kClassIN});
  return m;
}

TEST_CASE("Serialize and ParseMessage round-trip every record kind", "[dns-serializer]") {
  Message m = Response();
  m.answers.push_back(Record("web.default.svc.cluster.local", RrType::kA, AddressRdata{Bytes({10, 0, 0, 1})}));
  m.answers.push_back(Record("web.default.svc.cluster.local", RrType::kAAAA,
                             AddressRdata{std::string(15, '\0') + Bytes({1})}));
  m.answers.push_back(Record("ext.default.svc.cluster.local", RrType::kCNAME, NameRdata{Name("example.com")}));
  m.answers.push_back(Record("1.0.0.10.in-addr.arpa", RrType::kPTR,
                             NameRdata{Name("web.default.svc.cluster.local")}));
  m.answers.push_back(Record("_http._tcp.web.default.svc.cluster.local", RrType::kSRV,
                             SrvRdata{0, 100, 8080, Name("web.default.svc.cluster.local")}));
  m.answers.push_back(Record("dns-version.cluster.local", RrType::kTXT, TxtRdata{{"1.1.0", ""}}));
  m.authority.push_back(Record("cluster.local", RrType::kSOA,
                               SoaRdata{Name("ns.dns.cluster.local"), Name("hostmaster.cluster.local"),
                                        7, 7200, 1800, 86400, 30}));
  m.additional.push_back(Record("web.default.svc.cluster.local", RrType::kTXT, RawRdata{Bytes({3, 'a', 'b', 'c'})}));
  m.additional.back().type = static_cast<RrType>(99);  // unknown type: raw RDATA
  m.edns = Edns{1232, 0, true, ""};

  absl::StatusOr<std::string> wire = Serialize(m);
  REQUIRE(wire.ok());
  absl::StatusOr<Message> back = ParseMessage(*wire);
  REQUIRE(back.ok());
  CHECK(back->header.id == 77);
  CHECK(back->header.qr);
  CHECK(back->header.aa);
  CHECK_FALSE(back->header.tc);
  CHECK(back->rcode == Rcode::kNoError);
  REQUIRE(back->questions.size() == 1);
  CHECK(back->questions[0].name.ToString() == "Web.Default.svc.cluster.local.");  // case kept
  REQUIRE(back->answers.size() == 6);
  CHECK(std::get<AddressRdata>(back->answers[0].rdata).bytes == Bytes({10, 0, 0, 1}));
  CHECK(std::get<AddressRdata>(back->answers[1].rdata).bytes.size() == 16);
  CHECK(std::get<NameRdata>(back->answers[2].rdata).name.Key() == "example.com");
  CHECK(back->answers[3].name.Key() == "1.0.0.10.in-addr.arpa");
  CHECK(std::get<NameRdata>(back->answers[3].rdata).name.Key() == "web.default.svc.cluster.local");
  const auto& srv = std::get<SrvRdata>(back->answers[4].rdata);
  CHECK(srv.port == 8080);
  CHECK(srv.weight == 100);
  CHECK(srv.target.Key() == "web.default.svc.cluster.local");
  CHECK(std::get<TxtRdata>(back->answers[5].rdata).strings == std::vector<std::string>{"1.1.0", ""});
  REQUIRE(back->authority.size() == 1);
  const auto& soa = std::get<SoaRdata>(back->authority[0].rdata);
  CHECK(soa.mname.Key() == "ns.dns.cluster.local");
  CHECK(soa.serial == 7);
  CHECK(soa.minimum == 30);
  REQUIRE(back->additional.size() == 1);
  CHECK(static_cast<uint16_t>(back->additional[0].type) == 99);
  CHECK(std::get<RawRdata>(back->additional[0].rdata).bytes == Bytes({3, 'a', 'b', 'c'}));
  REQUIRE(back->edns.has_value());
  CHECK(back->edns->udp_payload_size == 1232);
  CHECK(back->edns->dnssec_ok);
}

TEST_CASE("Serialize compresses repeated names", "[dns-serializer]") {
  Message m = Response();
  for (int i = 0; i < 10; ++i) {
    m.answers.push_back(Record("web.default.svc.cluster.local", RrType::kA,
                               AddressRdata{Bytes({10, 0, 0, i})}));
  }
  absl::StatusOr<std::string> wire = Serialize(m);
  REQUIRE(wire.ok());
  // Header 12, question 31+4, then each answer is a 2-byte pointer + 10 + 4.
  CHECK(wire->size() == 12 + 35 + 10 * 16);
  absl::StatusOr<Message> back = ParseMessage(*wire);
  REQUIRE(back.ok());
  REQUIRE(back->answers.size() == 10);
  CHECK(back->answers[9].name.Key() == "web.default.svc.cluster.local");
}

TEST_CASE("Serialize truncates answers that do not fit, sets TC and keeps OPT", "[dns-serializer]") {
  Message m = Response();
  for (int i = 0; i < 100; ++i) {
    m.answers.push_back(Record("web.default.svc.cluster.local", RrType::kA,
                               AddressRdata{Bytes({10, 0, 1, i})}));
  }
  m.authority.push_back(Record("cluster.local", RrType::kSOA, SoaRdata{}));
  m.edns = Edns{512, 0, false, ""};
  absl::StatusOr<std::string> wire = Serialize(m, 512);
  REQUIRE(wire.ok());
  CHECK(wire->size() <= 512);
  absl::StatusOr<Message> back = ParseMessage(*wire);
  REQUIRE(back.ok());
  CHECK(back->header.tc);
  CHECK(back->answers.size() == (512 - 12 - 35 - 11) / 16);
  CHECK(back->authority.empty());
  CHECK(back->edns.has_value());

  // Everything fits in 65535: no TC.
  wire = Serialize(m);
  REQUIRE(wire.ok());
  CHECK_FALSE(ParseMessage(*wire)->header.tc);
  CHECK(ParseMessage(*wire)->answers.size() == 100);
}

TEST_CASE("Serialize drops additional records that do not fit without TC", "[dns-serializer]") {
  Message m = Response();
  m.answers.push_back(Record("web.default.svc.cluster.local", RrType::kA, AddressRdata{Bytes({1, 2, 3, 4})}));
  for (int i = 0; i < 100; ++i) {
    m.additional.push_back(Record("x" + std::to_string(i) + ".cluster.local", RrType::kA,
                                  AddressRdata{Bytes({1, 2, 3, i})}));
  }
  absl::StatusOr<std::string> wire = Serialize(m, 512);
  REQUIRE(wire.ok());
  CHECK(wire->size() <= 512);
  absl::StatusOr<Message> back = ParseMessage(*wire);
  REQUIRE(back.ok());
  CHECK_FALSE(back->header.tc);
  CHECK(back->answers.size() == 1);
  CHECK(back->additional.size() > 0);
  CHECK(back->additional.size() < 100);
}

TEST_CASE("Serialize carries extended rcodes in OPT and refuses them without it", "[dns-serializer]") {
  Message m = Response();
  m.rcode = Rcode::kBadVers;
  CHECK_FALSE(Serialize(m).ok());
  m.edns = Edns{};
  absl::StatusOr<std::string> wire = Serialize(m);
  REQUIRE(wire.ok());
  absl::StatusOr<Message> back = ParseMessage(*wire);
  REQUIRE(back.ok());
  CHECK(back->rcode == Rcode::kBadVers);
  CHECK(((*wire)[3] & 0x0F) == 0);  // the header holds only the low 4 bits
}

TEST_CASE("Serialize refuses TXT strings over 255 bytes", "[dns-serializer]") {
  Message m = Response();
  m.answers.push_back(Record("t.cluster.local", RrType::kTXT, TxtRdata{{std::string(256, 'x')}}));
  CHECK_FALSE(Serialize(m).ok());
}

}  // namespace
}  // namespace kube::dns

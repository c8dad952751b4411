#include "cluster-dns/message/parser.h"

#include <string>

#include <catch2/catch.hpp>

#include "cluster-dns/message/test_messages.h"

namespace kube::dns {
namespace {

using testing::Bytes;
using testing::QueryWire;

TEST_CASE("ParseMessage reads a query's header and question", "[dns-parser]") {
  absl::StatusOr<Message> m = ParseMessage(QueryWire("web.default.svc.cluster.local", 33));
  REQUIRE(m.ok());
  CHECK(m->header.id == 0x1234);
  CHECK(m->header.rd);
  CHECK_FALSE(m->header.qr);
  REQUIRE(m->questions.size() == 1);
  CHECK(m->questions[0].name.Key() == "web.default.svc.cluster.local");
  CHECK(m->questions[0].type == RrType::kSRV);
  CHECK(m->questions[0].klass == kClassIN);
  CHECK_FALSE(m->edns.has_value());
}

TEST_CASE("ParseMessage follows compression pointers", "[dns-parser]") {
  // Question example.com A; answer owner is a pointer to it (offset 12); a CNAME
  // whose target is "www" + pointer to offset 12.
  std::string wire = Bytes({0, 1, 0x81, 0x80, 0, 1, 0, 2, 0, 0, 0, 0});
  wire += Bytes({7, 'e', 'x', 'a', 'm', 'p', 'l', 'e', 3, 'c', 'o', 'm', 0, 0, 1, 0, 1});
  wire += Bytes({0xC0, 12, 0, 5, 0, 1, 0, 0, 0, 30, 0, 6, 3, 'w', 'w', 'w', 0xC0, 12});
  // An A record owned by the CNAME's target: pointer into the previous RDATA.
  const int target_offset = 12 + 17 + 12;
  wire += Bytes({0xC0, target_offset, 0, 1, 0, 1, 0, 0, 0, 30, 0, 4, 10, 0, 0, 7});
  absl::StatusOr<Message> m = ParseMessage(wire);
  REQUIRE(m.ok());
  REQUIRE(m->answers.size() == 2);
  CHECK(m->answers[0].name.Key() == "example.com");
  CHECK(std::get<NameRdata>(m->answers[0].rdata).name.Key() == "www.example.com");
  CHECK(m->answers[1].name.Key() == "www.example.com");
  CHECK(std::get<AddressRdata>(m->answers[1].rdata).bytes == Bytes({10, 0, 0, 7}));
}

TEST_CASE("ParseMessage rejects compression loops and forward pointers", "[dns-parser]") {
  std::string header = Bytes({0, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0});
  // Pointer to itself.
  CHECK_FALSE(ParseMessage(header + Bytes({0xC0, 12, 0, 1, 0, 1})).ok());
  // Pointer forward to a valid name.
  CHECK_FALSE(ParseMessage(header + Bytes({0xC0, 14, 1, 'a', 0, 0, 1, 0, 1})).ok());
  // Two names pointing at each other: the first at 12 is "a" + pointer to 17, the
  // second at 17 is "b" + pointer to 12. The question reads from 12.
  std::string loop = header + Bytes({1, 'a', 0xC0, 17, 0, 1, 'b', 0xC0, 12});
  CHECK_FALSE(ParseMessage(loop).ok());
  // A pointer into the middle of its own labels (a loop through earlier bytes).
  CHECK_FALSE(ParseMessage(header + Bytes({1, 'a', 1, 'b', 0xC0, 12, 0, 1, 0, 1})).ok());
  // Pointer past the end.
  CHECK_FALSE(ParseMessage(header + Bytes({0xC1, 0xFF, 0, 1, 0, 1})).ok());
}

TEST_CASE("ParseMessage rejects truncated and overlong input", "[dns-parser]") {
  const std::string query = QueryWire("a.b.c", 1);
  for (size_t n = 0; n < query.size(); ++n) {
    INFO("prefix of " << n << " bytes");
    CHECK_FALSE(ParseMessage(query.substr(0, n)).ok());
  }
  CHECK(ParseMessage(query).ok());
  CHECK(ParseMessage(query + "trailing").ok());  // bytes after the records are ignored

  std::string header = Bytes({0, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0});
  // A label claiming 64 bytes (0x40 is an extended label type, also refused).
  CHECK_FALSE(ParseMessage(header + Bytes({0x40}) + std::string(64, 'a') + Bytes({0, 0, 1, 0, 1})).ok());
  // A name of 5 x 63-byte labels: over 255 bytes.
  std::string name;
  for (int i = 0; i < 5; ++i) name += Bytes({63}) + std::string(63, 'x');
  CHECK_FALSE(ParseMessage(header + name + Bytes({0, 0, 1, 0, 1})).ok());
  // A counted record that is not there.
  std::string one_answer = QueryWire("a", 1);
  one_answer[7] = 1;
  CHECK_FALSE(ParseMessage(one_answer).ok());
  // RDLENGTH past the end, and an A record of 5 bytes.
  std::string answer = one_answer + Bytes({0xC0, 12, 0, 1, 0, 1, 0, 0, 0, 1, 0, 9, 1, 2, 3, 4});
  CHECK_FALSE(ParseMessage(answer).ok());
  answer = one_answer + Bytes({0xC0, 12, 0, 1, 0, 1, 0, 0, 0, 1, 0, 5, 1, 2, 3, 4, 5});
  CHECK_FALSE(ParseMessage(answer).ok());
  // SRV whose target name runs past its RDLENGTH.
  answer = one_answer + Bytes({0xC0, 12, 0, 33, 0, 1, 0, 0, 0, 1, 0, 8, 0, 0, 0, 0, 0, 80, 3, 'a'});
  CHECK_FALSE(ParseMessage(answer + Bytes({'b', 'c', 0})).ok());
}

TEST_CASE("ParseMessage reads EDNS0 and refuses a second or misplaced OPT", "[dns-parser]") {
  std::string query = QueryWire("a.cluster.local", 1);
  query[11] = 1;  // ARCOUNT
  // OPT: root, type 41, payload 1232, ext-rcode 0, version 0, DO, one option (cookie, 8 bytes).
  std::string opt = Bytes({0, 0, 41, 0x04, 0xD0, 0, 0, 0x80, 0, 0, 12, 0, 10, 0, 8, 1, 2, 3, 4, 5, 6, 7, 8});
  absl::StatusOr<Message> m = ParseMessage(query + opt);
  REQUIRE(m.ok());
  REQUIRE(m->edns.has_value());
  CHECK(m->edns->udp_payload_size == 1232);
  CHECK(m->edns->version == 0);
  CHECK(m->edns->dnssec_ok);
  CHECK(m->edns->options.size() == 12);
  CHECK(m->additional.empty());

  std::string two = query + opt + opt;
  two[11] = 2;
  CHECK_FALSE(ParseMessage(two).ok());
  // An option whose length runs past the OPT record.
  std::string bad_option = Bytes({0, 0, 41, 0x04, 0xD0, 0, 0, 0, 0, 0, 4, 0, 10, 0, 9});
  CHECK_FALSE(ParseMessage(query + bad_option).ok());
  // OPT owned by a name other than the root.
  std::string named = Bytes({1, 'x', 0, 0, 41, 0x04, 0xD0, 0, 0, 0, 0, 0, 0});
  CHECK_FALSE(ParseMessage(query + named).ok());
  // A payload size below 512 reads as 512.
  std::string small = Bytes({0, 0, 41, 0, 100, 0, 0, 0, 0, 0, 0});
  REQUIRE(ParseMessage(query + small).ok());
  CHECK(ParseMessage(query + small)->edns->udp_payload_size == 512);
}

TEST_CASE("ParseHeader needs 12 bytes", "[dns-parser]") {
  CHECK_FALSE(ParseHeader(Bytes({1, 2, 3})).has_value());
  std::optional<Header> h = ParseHeader(Bytes({0xAB, 0xCD, 0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0}));
  REQUIRE(h.has_value());
  CHECK(h->id == 0xABCD);
  CHECK(h->qr);
}

}  // namespace
}  // namespace kube::dns

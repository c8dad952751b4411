#include "cluster-dns/message/dns_name.h"

#include <string>

#include <catch2/catch.hpp>

namespace kube::dns {
namespace {

TEST_CASE("DnsName parses dotted names, with or without the trailing dot", "[dns-name]") {
  absl::StatusOr<DnsName> name = DnsName::Parse("Music-DB.mytunes.svc.cluster.local.");
  REQUIRE(name.ok());
  CHECK(name->labels().size() == 5);
  CHECK(name->Key() == "music-db.mytunes.svc.cluster.local");
  CHECK(name->ToString() == "Music-DB.mytunes.svc.cluster.local.");
  CHECK(*name == *DnsName::Parse("music-db.MYTUNES.svc.cluster.local"));
  CHECK(name->WireLength() == 36);
  CHECK(name->Suffix(3).Key() == "cluster.local");
  CHECK(DnsName::Parse(".")->IsRoot());
  CHECK(DnsName::Parse("")->IsRoot());
  CHECK(DnsName().ToString() == ".");
}

TEST_CASE("DnsName refuses empty, overlong labels and overlong names", "[dns-name]") {
  CHECK_FALSE(DnsName::Parse("a..b").ok());
  CHECK_FALSE(DnsName::Parse(std::string(64, 'a') + ".local").ok());
  CHECK(DnsName::Parse(std::string(63, 'a') + ".local").ok());
  // 4 labels of 63 = 256 bytes on the wire with the root: one too many.
  std::string long_name = std::string(63, 'a') + "." + std::string(63, 'b') + "." +
                          std::string(63, 'c') + "." + std::string(63, 'd');
  CHECK_FALSE(DnsName::Parse(long_name).ok());
  CHECK(DnsName::Parse(long_name.substr(2)).ok());  // 254 bytes
}

TEST_CASE("DnsName keys escape bytes that would make them ambiguous", "[dns-name]") {
  absl::StatusOr<DnsName> dotted = DnsName::FromLabels({"a.b", "c"});
  absl::StatusOr<DnsName> plain = DnsName::FromLabels({"a", "b", "c"});
  REQUIRE(dotted.ok());
  REQUIRE(plain.ok());
  CHECK(dotted->Key() == "a\\046b.c");
  CHECK(dotted->Key() != plain->Key());
  CHECK(DnsName::FromLabels({std::string("\x00\xff", 2)})->Key() == "\\000\\255");
}

}  // namespace
}  // namespace kube::dns

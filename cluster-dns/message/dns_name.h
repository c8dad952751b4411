#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"

namespace kube::dns {

// Wire limits of RFC 1035 §2.3.4.
inline constexpr size_t kMaxLabelLength = 63;
inline constexpr size_t kMaxNameWireLength = 255;

// A domain name as its labels: raw bytes, case as received (the question is echoed
// exactly, so 0x20-randomizing resolvers accept the answer). The root is no labels.
// Every DnsName obeys the wire limits; the factories refuse names that would not.
class DnsName {
 public:
  DnsName() = default;  // the root

  // From labels, each 1..63 bytes, at most 255 bytes on the wire in all.
  static absl::StatusOr<DnsName> FromLabels(std::vector<std::string> labels);
  // From presentation form without escapes ("a.b.c", trailing dot optional; "" and
  // "." are the root). Empty labels ("a..b") are refused.
  static absl::StatusOr<DnsName> Parse(std::string_view dotted);

  const std::vector<std::string>& labels() const { return labels_; }
  bool IsRoot() const { return labels_.empty(); }
  // Bytes on the wire uncompressed: each label with its length byte, plus the root.
  size_t WireLength() const;

  // The lookup key: lowercase ASCII, dotted, no trailing dot ("" for the root).
  // Bytes that would make the form ambiguous ('.', '\\', non-printables) are
  // escaped as \DDD, so two names have equal keys exactly when they are equal
  // under DNS's case-insensitive comparison.
  std::string Key() const;
  // Presentation form with the case kept and a trailing dot, for logs and tests.
  std::string ToString() const;

  // The name with its first `n` labels dropped (n <= labels().size()).
  DnsName Suffix(size_t n) const;

 private:
  explicit DnsName(std::vector<std::string> labels) : labels_(std::move(labels)) {}
  std::vector<std::string> labels_;
};

// Case-insensitive, as DNS compares names.
bool operator==(const DnsName& a, const DnsName& b);

}  // namespace kube::dns

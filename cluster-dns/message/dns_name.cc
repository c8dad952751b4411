#include "cluster-dns/message/dns_name.h"

#include "absl/status/status.h"
#include "common/util/strings.h"

namespace kube::dns {
namespace {

void AppendLabel(std::string& out, const std::string& label, bool lowercase) {
  for (unsigned char c : label) {
    if (c == '.' || c == '\\' || c < 0x21 || c > 0x7e) {
      char escaped[5];
      snprintf(escaped, sizeof(escaped), "\\%03u", static_cast<unsigned>(c));
      out.append(escaped);
    } else if (lowercase && c >= 'A' && c <= 'Z') {
      out.push_back(static_cast<char>(c - 'A' + 'a'));
    } else {
      out.push_back(static_cast<char>(c));
    }
  }
}

}  // namespace

absl::StatusOr<DnsName> DnsName::FromLabels(std::vector<std::string> labels) {
  size_t wire = 1;
  for (const std::string& label : labels) {
    if (label.empty()) return absl::InvalidArgumentError("empty label in a domain name");
    if (label.size() > kMaxLabelLength) {
      return absl::InvalidArgumentError(StrCat("label longer than 63 bytes: ", label));
    }
    wire += label.size() + 1;
  }
  if (wire > kMaxNameWireLength) {
    return absl::InvalidArgumentError("domain name longer than 255 bytes");
  }
  return DnsName(std::move(labels));
}

absl::StatusOr<DnsName> DnsName::Parse(std::string_view dotted) {
  if (!dotted.empty() && dotted.back() == '.') dotted.remove_suffix(1);
  std::vector<std::string> labels;
  if (dotted.empty()) return DnsName();
  size_t start = 0;
  while (true) {
    size_t dot = dotted.find('.', start);
    std::string_view label = dotted.substr(start, dot == std::string_view::npos ? dotted.npos : dot - start);
    labels.emplace_back(label);
    if (dot == std::string_view::npos) break;
    start = dot + 1;
  }
  return FromLabels(std::move(labels));
}

size_t DnsName::WireLength() const {
  size_t wire = 1;
  for (const std::string& label : labels_) wire += label.size() + 1;
  return wire;
}

std::string DnsName::Key() const {
  std::string out;
  for (size_t i = 0; i < labels_.size(); ++i) {
    if (i > 0) out.push_back('.');
    AppendLabel(out, labels_[i], /*lowercase=*/true);
  }
  return out;
}

std::string DnsName::ToString() const {
  std::string out;
  for (const std::string& label : labels_) {
    AppendLabel(out, label, /*lowercase=*/false);
    out.push_back('.');
  }
  return out.empty() ? "." : out;
}

DnsName DnsName::Suffix(size_t n) const {
  if (n >= labels_.size()) return DnsName();
  return DnsName(std::vector<std::string>(labels_.begin() + static_cast<ptrdiff_t>(n), labels_.end()));
}

bool operator==(const DnsName& a, const DnsName& b) { return a.Key() == b.Key(); }

}  // namespace kube::dns

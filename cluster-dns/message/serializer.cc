#include "cluster-dns/message/serializer.h"

#include <map>

#include "absl/status/status.h"
#include "common/util/strings.h"

namespace kube::dns {
namespace {

constexpr size_t kMaxPointerOffset = 0x3FFF;
constexpr size_t kOptFixedLength = 11;  // root name, type, class, ttl, rdlength

// The message being written, with the offsets of names already written so later
// names can point at them.
class WireWriter {
 public:
  size_t size() const { return out_.size(); }
  std::string Take() { return std::move(out_); }

  void U8(uint8_t v) { out_.push_back(static_cast<char>(v)); }
  void U16(uint16_t v) {
    U8(static_cast<uint8_t>(v >> 8));
    U8(static_cast<uint8_t>(v));
  }
  void U32(uint32_t v) {
    U16(static_cast<uint16_t>(v >> 16));
    U16(static_cast<uint16_t>(v));
  }
  void Bytes(const std::string& bytes) { out_.append(bytes); }
  void PatchU16(size_t at, uint16_t v) {
    out_[at] = static_cast<char>(v >> 8);
    out_[at + 1] = static_cast<char>(v);
  }

  void Name(const DnsName& name, bool compress) {
    const std::vector<std::string>& labels = name.labels();
    for (size_t i = 0; i < labels.size(); ++i) {
      const std::string suffix = name.Suffix(i).Key();
      if (compress) {
        auto it = offsets_.find(suffix);
        if (it != offsets_.end()) {
          U16(static_cast<uint16_t>(0xC000 | it->second));
          return;
        }
      }
      // Remember every suffix written, compressed or not, for later names.
      if (out_.size() <= kMaxPointerOffset) offsets_.emplace(suffix, out_.size());
      U8(static_cast<uint8_t>(labels[i].size()));
      out_.append(labels[i]);
    }
    U8(0);
  }

  // Undoes everything written after `size` (a record that did not fit).
  void Truncate(size_t size) {
    out_.resize(size);
    for (auto it = offsets_.begin(); it != offsets_.end();) {
      it = it->second >= size ? offsets_.erase(it) : std::next(it);
    }
  }

 private:
  std::string out_;
  std::map<std::string, size_t> offsets_;  // suffix key -> offset of its first label
};

absl::Status WriteRdata(WireWriter& w, RrType type, const Rdata& rdata) {
  if (const auto* a = std::get_if<AddressRdata>(&rdata)) {
    w.Bytes(a->bytes);
  } else if (const auto* n = std::get_if<NameRdata>(&rdata)) {
    w.Name(n->name, /*compress=*/type == RrType::kCNAME || type == RrType::kPTR || type == RrType::kNS);
  } else if (const auto* srv = std::get_if<SrvRdata>(&rdata)) {
    w.U16(srv->priority);
    w.U16(srv->weight);
    w.U16(srv->port);
    w.Name(srv->target, /*compress=*/false);
  } else if (const auto* soa = std::get_if<SoaRdata>(&rdata)) {
    const bool compress = type == RrType::kSOA;
    w.Name(soa->mname, compress);
    w.Name(soa->rname, compress);
    w.U32(soa->serial);
    w.U32(soa->refresh);
    w.U32(soa->retry);
    w.U32(soa->expire);
    w.U32(soa->minimum);
  } else if (const auto* txt = std::get_if<TxtRdata>(&rdata)) {
    for (const std::string& s : txt->strings) {
      if (s.size() > 255) return absl::InvalidArgumentError("TXT string longer than 255 bytes");
      w.U8(static_cast<uint8_t>(s.size()));
      w.Bytes(s);
    }
  } else if (const auto* raw = std::get_if<RawRdata>(&rdata)) {
    w.Bytes(raw->bytes);
  }
  return absl::OkStatus();
}

absl::Status WriteRecord(WireWriter& w, const ResourceRecord& rr) {
  w.Name(rr.name, /*compress=*/true);
  w.U16(static_cast<uint16_t>(rr.type));
  w.U16(rr.klass);
  w.U32(rr.ttl);
  const size_t length_at = w.size();
  w.U16(0);
  if (absl::Status s = WriteRdata(w, rr.type, rr.rdata); !s.ok()) return s;
  const size_t length = w.size() - length_at - 2;
  if (length > 0xFFFF) return absl::InvalidArgumentError("RDATA longer than 65535 bytes");
  w.PatchU16(length_at, static_cast<uint16_t>(length));
  return absl::OkStatus();
}

// Writes records until one would end past `budget`; counts those that went in and
// says whether all did.
absl::StatusOr<bool> WriteSection(WireWriter& w, const std::vector<ResourceRecord>& records,
                                  size_t budget, uint16_t& count) {
  count = 0;
  for (const ResourceRecord& rr : records) {
    const size_t before = w.size();
    if (absl::Status s = WriteRecord(w, rr); !s.ok()) return s;
    if (w.size() > budget) {
      w.Truncate(before);
      return false;
    }
    ++count;
  }
  return true;
}

}  // namespace

absl::StatusOr<std::string> Serialize(const Message& m, size_t max_length) {
  const uint16_t rcode = static_cast<uint16_t>(m.rcode);
  if (rcode > 0xF && !m.edns.has_value()) {
    return absl::InvalidArgumentError("an extended rcode needs an OPT record");
  }
  if (rcode > 0xFFF) return absl::InvalidArgumentError("rcode out of range");
  if (m.questions.size() > 0xFFFF) return absl::InvalidArgumentError("too many questions");
  if (m.edns.has_value() && m.edns->options.size() > 0xFFFF) {
    return absl::InvalidArgumentError("EDNS options longer than 65535 bytes");
  }
  max_length = std::min(max_length, kMaxMessageLength);
  const size_t opt_length = m.edns.has_value() ? kOptFixedLength + m.edns->options.size() : 0;

  WireWriter w;
  for (int i = 0; i < 6; ++i) w.U16(0);  // header, patched at the end
  for (const Question& q : m.questions) {
    w.Name(q.name, /*compress=*/true);
    w.U16(static_cast<uint16_t>(q.type));
    w.U16(q.klass);
  }
  if (w.size() + opt_length > max_length) {
    return absl::InvalidArgumentError("question does not fit the size limit");
  }
  const size_t budget = max_length - opt_length;
  bool truncated = m.header.tc;
  uint16_t ancount = 0, nscount = 0, arcount = 0;
  absl::StatusOr<bool> fit = WriteSection(w, m.answers, budget, ancount);
  if (!fit.ok()) return fit.status();
  if (!*fit) {
    truncated = true;
  } else {
    fit = WriteSection(w, m.authority, budget, nscount);
    if (!fit.ok()) return fit.status();
    if (!*fit) {
      truncated = true;
    } else {
      fit = WriteSection(w, m.additional, budget, arcount);
      if (!fit.ok()) return fit.status();
    }
  }
  if (m.edns.has_value()) {
    w.U8(0);  // root
    w.U16(static_cast<uint16_t>(RrType::kOPT));
    w.U16(m.edns->udp_payload_size);
    w.U8(static_cast<uint8_t>(rcode >> 4));
    w.U8(m.edns->version);
    w.U16(m.edns->dnssec_ok ? 0x8000 : 0);
    w.U16(static_cast<uint16_t>(m.edns->options.size()));
    w.Bytes(m.edns->options);
    ++arcount;
  }

  const Header& h = m.header;
  uint16_t flags = static_cast<uint16_t>((h.opcode & 0x0F) << 11) | (rcode & 0x0F);
  if (h.qr) flags |= 0x8000;
  if (h.aa) flags |= 0x0400;
  if (truncated) flags |= 0x0200;
  if (h.rd) flags |= 0x0100;
  if (h.ra) flags |= 0x0080;
  if (h.ad) flags |= 0x0020;
  if (h.cd) flags |= 0x0010;
  w.PatchU16(0, h.id);
  w.PatchU16(2, flags);
  w.PatchU16(4, static_cast<uint16_t>(m.questions.size()));
  w.PatchU16(6, ancount);
  w.PatchU16(8, nscount);
  w.PatchU16(10, arcount);
  return w.Take();
}

}  // namespace kube::dns

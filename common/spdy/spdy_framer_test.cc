#include "common/spdy/spdy_framer.h"

#include <catch2/catch.hpp>

namespace kube::spdy {
namespace {

// Inflates the header blocks of one connection's SYN_STREAMs, in order, as a
// receiver does (one zlib stream across frames).
class Inflater {
 public:
  Inflater() { REQUIRE(inflateInit(&stream_) == Z_OK); }
  ~Inflater() { inflateEnd(&stream_); }
  std::string Inflate(std::string_view compressed) {
    std::string out;
    stream_.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(compressed.data()));
    stream_.avail_in = static_cast<uInt>(compressed.size());
    char chunk[1024];
    do {
      stream_.next_out = reinterpret_cast<Bytef*>(chunk);
      stream_.avail_out = sizeof(chunk);
      int result = inflate(&stream_, Z_SYNC_FLUSH);
      REQUIRE((result == Z_OK || result == Z_BUF_ERROR));
      out.append(chunk, sizeof(chunk) - stream_.avail_out);
    } while (stream_.avail_out == 0);
    return out;
  }

 private:
  z_stream stream_{};
};

TEST_CASE("SYN_STREAM frames carry their stream and a zlib header block across frames") {
  FrameWriter writer;
  FrameParser parser;
  Inflater inflater;
  std::string wire;
  for (uint32_t id : {1u, 3u}) {
    auto frame = writer.SynStream(id, {{"streamtype", id == 1 ? "error" : "stdin"}});
    REQUIRE(frame.ok());
    wire += *frame;
  }
  // Split at an awkward place: the parser waits for whole frames.
  auto first = parser.Feed(wire.substr(0, 11));
  REQUIRE(first.ok());
  CHECK(first->empty());
  auto frames = parser.Feed(wire.substr(11));
  REQUIRE(frames.ok());
  REQUIRE(frames->size() == 2);
  for (size_t i = 0; i < 2; ++i) {
    const Frame& frame = (*frames)[i];
    CHECK(frame.control);
    CHECK(frame.type == static_cast<uint16_t>(ControlType::kSynStream));
    CHECK(frame.stream_id == (i == 0 ? 1u : 3u));
    auto headers = DecodeHeaderBlock(inflater.Inflate(std::string_view(frame.payload).substr(10)));
    REQUIRE(headers.ok());
    REQUIRE(headers->size() == 1);
    CHECK((*headers)[0].first == "streamtype");
    CHECK((*headers)[0].second == (i == 0 ? "error" : "stdin"));
  }
}

TEST_CASE("DATA frames keep their stream, bytes and FIN") {
  FrameParser parser;
  auto frames = parser.Feed(FrameWriter::Data(5, "hello") + FrameWriter::Data(5, "", kFlagFin));
  REQUIRE(frames.ok());
  REQUIRE(frames->size() == 2);
  CHECK_FALSE((*frames)[0].control);
  CHECK((*frames)[0].stream_id == 5);
  CHECK((*frames)[0].payload == "hello");
  CHECK((*frames)[0].flags == 0);
  CHECK((*frames)[1].payload.empty());
  CHECK((*frames)[1].flags == kFlagFin);
}

TEST_CASE("bad frames are errors, not crashes") {
  FrameParser parser;
  std::string wrong_version = FrameWriter::PingReply("abcd");
  wrong_version[1] = 2;
  CHECK_FALSE(parser.Feed(wrong_version).ok());
  FrameParser huge;
  CHECK_FALSE(huge.Feed(std::string("\x00\x00\x00\x01\x00\xff\xff\xff", 8)).ok());
  CHECK_FALSE(DecodeHeaderBlock(std::string("\x00\x00\x00\x02\x00\x00\x00\x09" "ab", 10)).ok());
}

}  // namespace
}  // namespace kube::spdy

#include "bench/support/result_stream.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace lukhas::bench {

class ResultStream::Buf : public std::streambuf {
 public:
  explicit Buf(int fd, bool owned) : fd_(fd), owned_(owned) { setp(data_, data_ + sizeof data_); }
  ~Buf() override {
    if (owned_ && fd_ >= 0) ::close(fd_);
  }
  void reset(int fd, bool owned) {
    fd_ = fd;
    owned_ = owned;
  }
  int error() const { return error_; }

  int close() {
    const int rc = sync();
    if (owned_ && fd_ >= 0) {
      if (::close(fd_) != 0 && error_ == 0) error_ = errno;  // e.g. a delayed ENOSPC
      fd_ = -1;
    }
    return rc;
  }

 protected:
  int_type overflow(int_type c) override {
    if (sync() != 0) return traits_type::eof();
    if (!traits_type::eq_int_type(c, traits_type::eof())) {
      *pptr() = traits_type::to_char_type(c);
      pbump(1);
    }
    return traits_type::not_eof(c);
  }
  int sync() override {
    const char* p = pbase();
    while (p < pptr()) {
      const ssize_t n = ::write(fd_, p, static_cast<std::size_t>(pptr() - p));
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) {
        if (error_ == 0) error_ = n < 0 ? errno : EIO;
        setp(data_, data_ + sizeof data_);  // drop what cannot be written
        return -1;
      }
      p += n;
    }
    setp(data_, data_ + sizeof data_);
    return 0;
  }

 private:
  int fd_;
  bool owned_;
  int error_ = 0;
  char data_[1 << 16];
};

ResultStream::ResultStream() : buf_(std::make_unique<Buf>(STDOUT_FILENO, false)), stream_(buf_.get()) {}

ResultStream::~ResultStream() = default;

std::optional<std::string> ResultStream::open(const std::string& path) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) return std::string(std::strerror(errno));
  buf_->reset(fd, true);
  return std::nullopt;
}

std::optional<std::string> ResultStream::finish() {
  stream_.flush();
  buf_->close();
  if (buf_->error() != 0) return std::string(std::strerror(buf_->error()));
  if (!stream_) return std::string("write failed");
  return std::nullopt;
}

}  // namespace lukhas::bench

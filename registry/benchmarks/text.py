"""Realistic Vietnamese summaries for generated documents, in the style of the seed text."""

import random

ACTIONS = [
    "Về việc triển khai", "Về việc tăng cường", "Về việc đẩy mạnh", "Về việc báo cáo",
    "Về việc góp ý dự thảo", "Về việc tổ chức", "Về việc kiểm tra, đôn đốc", "Về việc rà soát",
    "Về việc hướng dẫn thực hiện", "Về việc phê duyệt", "Về việc tổng kết", "Về việc mời dự",
    "Về việc chấn chỉnh", "Về việc giao nhiệm vụ", "Về việc đề nghị bổ sung",
]
SUBJECTS = [
    "công tác cải cách hành chính", "cải cách thủ tục hành chính", "chương trình công tác năm",
    "tình hình kinh tế - xã hội", "phát triển sản xuất, kinh doanh và xuất khẩu",
    "đảm bảo an sinh xã hội", "ổn định kinh tế vĩ mô trên địa bàn", "ứng dụng công nghệ thông tin",
    "xây dựng chính quyền điện tử", "tin học hóa công tác văn phòng", "hồ sơ công vụ",
    "đào tạo, bồi dưỡng cán bộ, công chức", "phòng, chống thiên tai", "giải ngân vốn đầu tư công",
    "quản lý đất đai và môi trường", "chuyển đổi số", "phòng cháy, chữa cháy",
    "thực hành tiết kiệm, chống lãng phí", "tiếp công dân, giải quyết khiếu nại, tố cáo",
    "sắp xếp tổ chức bộ máy", "an toàn giao thông", "xây dựng nông thôn mới",
]
TAILS = [
    "năm {year}", "6 tháng đầu năm {year}", "quý {q} năm {year}", "giai đoạn 2021-2025",
    "trên địa bàn tỉnh", "tại các sở, ban, ngành", "tại UBND các xã, phường", "đợt {q}",
]


def summary(rng: random.Random, year: int) -> str:
    tail = rng.choice(TAILS).format(year=year, q=rng.randint(1, 4))
    return f"{rng.choice(ACTIONS)} {rng.choice(SUBJECTS)} {tail}"


GIVEN = ["Văn", "Thị", "Đức", "Minh", "Thu", "Quang", "Hồng", "Thanh", "Ngọc", "Công"]
FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đinh", "Đỗ", "Bùi", "Ngô"]
LAST = ["Hà", "Lam", "Phụng", "Hoan", "Giang", "Tuấn", "Hương", "Huy", "Bình", "Nguyệt"]


def person(rng: random.Random) -> str:
    return f"{rng.choice(FAMILY)} {rng.choice(GIVEN)} {rng.choice(LAST)}"

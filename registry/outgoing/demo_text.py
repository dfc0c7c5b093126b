"""Wording of the demo documents, in the style of a provincial office's directives."""

VERBS = [
    "Triển khai thực hiện", "Tăng cường", "Đẩy mạnh", "Tổ chức thực hiện", "Đôn đốc thực hiện",
    "Kiểm tra, rà soát", "Tổng kết", "Ban hành quy chế phối hợp về", "Phê duyệt kế hoạch",
    "Chấn chỉnh công tác", "Báo cáo kết quả", "Hướng dẫn thực hiện", "Phân công nhiệm vụ",
]

TOPICS = [
    "công tác cải cách hành chính năm 2026",
    "ứng dụng công nghệ thông tin, xây dựng chính quyền điện tử",
    "phần mềm quản lý văn bản chỉ đạo của UBND tỉnh",
    "chương trình công tác của UBND tỉnh quý IV",
    "các giải pháp thúc đẩy phát triển sản xuất, kinh doanh và xuất khẩu",
    "đảm bảo an sinh xã hội dịp Tết Nguyên đán",
    "nhiệm vụ ổn định kinh tế vĩ mô trên địa bàn tỉnh",
    "công tác phòng, chống thiên tai và tìm kiếm cứu nạn",
    "công tác thu ngân sách nhà nước",
    "giải ngân vốn đầu tư công",
    "sắp xếp đơn vị hành chính cấp xã",
    "công tác tiếp công dân, giải quyết khiếu nại, tố cáo",
    "hồ sơ công vụ trên mạng máy tính nội bộ",
    "thủ tục hành chính liên thông giữa các sở, ngành",
    "công tác đào tạo, bồi dưỡng cán bộ, công chức, viên chức",
    "phòng, chống dịch bệnh trên gia súc, gia cầm",
    "quản lý, sử dụng đất đai trên địa bàn tỉnh",
    "công tác bảo đảm trật tự an toàn giao thông",
    "phát triển du lịch gắn với bảo tồn di tích Phố Hiến",
    "xây dựng nông thôn mới nâng cao",
    "công tác văn thư, lưu trữ tại các cơ quan, đơn vị",
    "việc tiếp nhận và xử lý văn bản đến qua trục liên thông",
    "kiểm soát thủ tục hành chính và cải thiện chỉ số PCI",
    "chuẩn bị kỳ họp thứ mười hai Hội đồng nhân dân tỉnh",
]

# Drafts waiting at each step of the demo chain (truongphong → chanhvanphong → lanhdao).
DRAFTS = [
    {
        "summary": "Kế hoạch tổ chức Hội nghị tổng kết công tác văn phòng năm 2026 và triển "
                   "khai nhiệm vụ năm 2027",
        "type": "Kế hoạch", "drafter": "chuyenvien", "units": ["KT", "VX"],
        "external": ["Sở Nội vụ"],
        "tasks": [("KT", "Chuẩn bị báo cáo chuyên đề kinh tế năm 2026", 5),
                  ("VX", "Tổng hợp danh sách khen thưởng của Văn phòng", 7)],
        "approve": ["truongphongth"], "return_by": "chanhvanphong",
        "return_comment": "Bổ sung thành phần mời đại biểu các sở, ngành; rà soát lại thể thức "
                          "phần nơi nhận.",
    },
    {
        "summary": "V/v đôn đốc báo cáo kết quả ứng dụng phần mềm quản lý văn bản chỉ đạo năm "
                   "2026",
        "type": "Công văn", "drafter": "chuyenvien2",
        "external": ["Sở Khoa học và Công nghệ", "Sở Nội vụ"],
        "approve": ["truongphongth"],
    },
    {
        "summary": "Quyết định phê duyệt Đề án nâng cao chất lượng công tác tham mưu, tổng hợp "
                   "của Văn phòng UBND tỉnh giai đoạn 2026-2030",
        "type": "Quyết định", "drafter": "chuyenvienkt", "urgency": "khan",
        "units": ["TH", "KT"], "external": ["Sở Tài chính"],
        "approve": ["truongphongkt", "chanhvanphong"],
    },
    {
        "summary": "Báo cáo tình hình kinh tế - xã hội tháng 11 năm 2026",
        "type": "Báo cáo", "drafter": "chuyenvien", "external": ["Văn phòng Chính phủ",
                                                                  "Bộ Kế hoạch và Đầu tư"],
        "units": ["KT"],
        "approve": ["truongphongth", "chanhvanphong", "lanhdao"],
    },
]

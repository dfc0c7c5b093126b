"""Summaries for the demo register, in the style of a provincial office's incoming mail.

(type abbreviation or "" for công văn, summary with {m} month, {q} quarter, {y} year)
"""

SUMMARIES: list[tuple[str, str]] = [
    ("", "V/v đẩy mạnh công tác cải cách hành chính, nâng cao chỉ số PAR INDEX năm {y}"),
    ("BC", "Báo cáo tình hình kinh tế - xã hội tháng {m} và nhiệm vụ trọng tâm tháng tiếp theo"),
    ("BC", "Báo cáo kết quả thực hiện nhiệm vụ quý {q} năm {y}"),
    ("GM", "Giấy mời dự hội nghị trực tuyến sơ kết công tác cải cách hành chính quý {q}"),
    ("GM", "Giấy mời dự hội nghị tổng kết công tác văn phòng năm {y}"),
    ("KH", "Kế hoạch ứng dụng công nghệ thông tin, xây dựng chính quyền điện tử năm {y}"),
    ("KH", "Kế hoạch kiểm tra công tác văn thư, lưu trữ tại các sở, ban, ngành năm {y}"),
    ("", "V/v góp ý dự thảo Nghị định sửa đổi, bổ sung một số điều về công tác văn thư"),
    ("", "V/v báo cáo tình hình thực hiện dự toán ngân sách nhà nước tháng {m}"),
    ("QĐ", "Quyết định phê duyệt danh mục thủ tục hành chính được chuẩn hóa năm {y}"),
    ("TB", "Thông báo kết luận của Phó Chủ tịch UBND tỉnh tại buổi làm việc về tiến độ "
           "giải ngân vốn đầu tư công"),
    ("", "V/v đôn đốc thực hiện các nhiệm vụ được giao tại Chương trình công tác năm {y}"),
    ("HD", "Hướng dẫn đánh giá, xếp loại chất lượng cán bộ, công chức, viên chức năm {y}"),
    ("", "V/v tăng cường công tác phòng, chống thiên tai và tìm kiếm cứu nạn mùa mưa bão"),
    ("BC", "Báo cáo công tác phòng, chống tham nhũng, tiêu cực quý {q} năm {y}"),
    ("", "V/v cung cấp số liệu phục vụ xây dựng báo cáo kinh tế - xã hội 6 tháng đầu năm"),
    ("TTr", "Tờ trình đề nghị phê duyệt kế hoạch lựa chọn nhà thầu dự án cải tạo trụ sở"),
    ("", "V/v rà soát, sắp xếp bộ máy làm việc sau hợp nhất đơn vị hành chính cấp xã"),
    ("CĐ", "Công điện về việc chủ động ứng phó với mưa lớn, ngập úng trên địa bàn tỉnh"),
    ("", "V/v thực hiện chế độ báo cáo định kỳ trên Hệ thống thông tin báo cáo quốc gia"),
    ("CT", "Chỉ thị về tăng cường kỷ luật, kỷ cương hành chính trong cơ quan nhà nước"),
    ("", "V/v triển khai số hóa hồ sơ, kết quả giải quyết thủ tục hành chính"),
    ("KH", "Kế hoạch tổ chức các hoạt động kỷ niệm Ngày Quốc khánh 2/9"),
    ("", "V/v đề nghị hỗ trợ kinh phí sửa chữa trường học sau mưa bão"),
    ("BC", "Báo cáo tiến độ giải ngân vốn đầu tư công đến hết tháng {m}"),
    ("", "V/v tham mưu xử lý kiến nghị của cử tri sau kỳ họp HĐND tỉnh"),
    ("NQ", "Nghị quyết về nhiệm vụ phát triển kinh tế - xã hội năm {y}"),
    ("", "V/v hướng dẫn quyết toán kinh phí thực hiện chính sách an sinh xã hội"),
    ("TB", "Thông báo lịch tiếp công dân định kỳ tháng {m}"),
    ("", "V/v đăng ký nhu cầu đào tạo, bồi dưỡng cán bộ, công chức năm {y}"),
    ("GM", "Giấy mời họp thẩm định hồ sơ công nhận xã đạt chuẩn nông thôn mới nâng cao"),
    ("", "V/v chuẩn bị nội dung làm việc với Đoàn công tác của Chính phủ"),
    ("BC", "Báo cáo kết quả kiểm soát thủ tục hành chính, thực hiện cơ chế một cửa quý {q}"),
    ("", "V/v đề xuất danh mục dự án kêu gọi đầu tư giai đoạn 2026-2030"),
    ("KH", "Kế hoạch tuyên truyền cải cách hành chính năm {y}"),
    ("", "V/v phối hợp bảo đảm an toàn thông tin mạng trong cơ quan nhà nước"),
]

SIGNERS = [
    "Nguyễn Văn Hải", "Trần Thị Lan", "Lê Minh Tuấn", "Phạm Quốc Hùng", "Đỗ Thị Thanh Hương",
    "Vũ Đức Thắng", "Hoàng Văn Nam", "Bùi Thị Hồng", "Ngô Quang Vinh", "Đặng Thu Trang",
]
SECRET_SUMMARIES = [
    ("", "V/v bảo đảm an ninh, trật tự phục vụ sự kiện chính trị của tỉnh"),
    ("KH", "Kế hoạch phòng thủ dân sự năm {y}"),
]
RETURN_REASONS = [
    "Văn bản chỉ để biết, đề nghị văn thư chuyển thẳng Văn phòng lưu.",
    "Trình nhầm lãnh đạo; đề nghị trình đồng chí Chủ tịch.",
]

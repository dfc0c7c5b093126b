"""Poll the configured transport once, synchronously, then send what the outbox holds."""

from django.core.management.base import BaseCommand, CommandError

from registry.exchange.config import exchange_transport
from registry.exchange.services import exchange_poll, outbound_due_ids, outbound_send
from registry.exchange.transport import TransportError


class Command(BaseCommand):
    help = "Nhận gói tin từ trục liên thông một lần (và gửi các trạng thái đang chờ)."

    def add_arguments(self, parser):  # type: ignore[no-untyped-def]
        parser.add_argument("--no-send", action="store_true",
                            help="Chỉ nhận, không gửi hộp thư đi.")

    def handle(self, *args, **options):  # type: ignore[no-untyped-def]
        try:
            transport = exchange_transport()
        except ValueError as error:
            raise CommandError(str(error)) from error
        if transport is None:
            raise CommandError("EXCHANGE_TRANSPORT chưa được cấu hình (folder hoặc http).")
        try:
            result = exchange_poll(transport=transport)
        except TransportError as error:
            raise CommandError(f"Không nhận được: {error}") from error
        self.stdout.write(f"Nhận: {result}")
        if not options["no_send"]:
            sent = sum(outbound_send(outbound_id=pk, transport=transport)
                       for pk in outbound_due_ids())
            self.stdout.write(f"Đã gửi: {sent}")

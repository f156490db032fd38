from django.urls import path

from zhidu.notifications.views import contacts, inbound, outbox, receipt

app_name = "notifications"

urlpatterns = [
    path("outbox/", outbox.outbox, name="outbox"),
    path("outbox/<int:pk>/retry/", outbox.retry, name="retry"),
    path("me/", contacts.my_contacts, name="mine"),
    path("me/check/", contacts.address_check, name="address-check"),
    path("people/", contacts.people, name="people"),
    path("people/<int:pk>/", contacts.person_contacts, name="person"),
    path("r/<str:token>/", receipt.receipt, name="receipt"),
    path("inbound/", inbound.inbound, name="inbound"),
    # The providers' callbacks (public: their own shared secret, zhidu.notifications.inbound).
    path("inbound/<slug:township>/sms/", inbound.sms_webhook, name="inbound-sms"),
    path("inbound/<slug:township>/wecom/", inbound.wecom_webhook, name="inbound-wecom"),
    path("inbound/<slug:township>/wecom/callback/", inbound.wecom_callback, name="inbound-wecom-callback"),
    path("inbound/<slug:township>/dingtalk/", inbound.dingtalk_webhook, name="inbound-dingtalk"),
]

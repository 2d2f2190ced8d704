<?php
/**
 * Plugin Name: Capture mail (tests only)
 * Description: Every wp_mail() call is written as one JSON line to RC_WP_MAIL_LOG and not sent:
 * nothing may leave this machine, and tests read the messages WordPress meant to send.
 */

add_filter(
	'pre_wp_mail',
	static function ( $short_circuit, $atts ) {
		$line = wp_json_encode(
			array(
				'to'      => (array) $atts['to'],
				'subject' => (string) $atts['subject'],
				'message' => (string) $atts['message'],
				'headers' => $atts['headers'],
			)
		);
		file_put_contents( RC_WP_MAIL_LOG, $line . "\n", FILE_APPEND | LOCK_EX );
		return true;
	},
	10,
	2
);
